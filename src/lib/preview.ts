/** The posts staff can preview before publishing, and where the admin's preview button opens them. */
export const PREVIEWABLE = ['articles', 'repair-logs'] as const

export type PreviewableCollection = (typeof PREVIEWABLE)[number]

export const previewPath = (collection: PreviewableCollection, id: string) => `/preview/${collection}/${id}`
