/** The posts staff can preview before publishing, and where the admin's preview button opens them. */
export const PREVIEWABLE = ['articles', 'repair-logs'] as const

export type PreviewableCollection = (typeof PREVIEWABLE)[number]

export const previewPath = (collection: PreviewableCollection, id: string) => `/preview/${collection}/${id}`

/** The preview button of a previewable collection's edit view: Payload's link, labelled プレビュー beside its icon. */
export const LABELLED_PREVIEW_BUTTON = '/src/components/LabelledPreviewButton#LabelledPreviewButton'
