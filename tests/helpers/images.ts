import sharp from 'sharp'

/** A small real PNG, made on the spot, for upload tests. */
export const pngImage = (width = 64, height = 48): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer()

/** The multipart body Payload's REST upload expects: the file plus the other fields as JSON in _payload. */
export const uploadForm = (file: Buffer, filename: string, type: string, fields: Record<string, unknown>): FormData => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}
