import { environment } from '../env'

/**
 * The session cookie: always HttpOnly (Payload sets it so), SameSite=Strict so no other site's page or link sends it,
 * and Secure whenever the CMS is served over https (SERVER_URL), which a deployment must be (deployment.ts).
 */
export const sessionCookies = (serverUrl = environment().SERVER_URL ?? '') => ({
  secure: serverUrl.startsWith('https://'),
  sameSite: 'Strict' as const,
})
