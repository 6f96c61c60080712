import sharp from 'sharp'

/** A small real PNG, made on the spot, for upload tests. */
export const pngImage = (width = 64, height = 48): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer()

/** A 1600×1200 JPEG as a phone writes it: GPS position, camera make and serial in its EXIF. */
export const phonePhotoWithGps = (): Promise<Buffer> =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 8', Software: 'CameraSerial-F17XK0ABCDEF' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '130/1 18/1 0/1' },
    })
    .toBuffer()

/** The EXIF tag that points to the GPS block (0x8825), in either byte order. */
const GPS_POINTER = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])]

/** What of a photo's metadata stored bytes still carry: an EXIF block, the camera serial, a GPS position. */
export const photoMetadataIn = async (bytes: Buffer) => {
  const { exif } = await sharp(bytes).metadata()
  return {
    exif: exif !== undefined,
    cameraSerial: bytes.includes(Buffer.from('CameraSerial')),
    gps: GPS_POINTER.some((tag) => exif?.includes(tag) ?? false),
  }
}

/** None of it. */
export const NO_PHOTO_METADATA = { exif: false, cameraSerial: false, gps: false }

/** The multipart body Payload's REST upload expects: the file plus the other fields as JSON in _payload. */
export const uploadForm = (file: Buffer, filename: string, type: string, fields: Record<string, unknown>): FormData => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}
