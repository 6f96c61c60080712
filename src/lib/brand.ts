/** The name staff know the admin by: on the sign-in page, in tab titles, in mail and in the authenticator app. */
export const ADMIN_NAME = '修理チェーンCMS'

/** The chain's mark, served by Next.js from public/ (its static folder) and named as the admin's favicon. */
export const FAVICON_PATH = '/favicon.svg'
