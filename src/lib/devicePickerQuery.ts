/** How many devices the picker lists at once: enough for every iPhone 12 variant, few enough to read. */
export const DEVICE_PICKER_RESULTS = 20

/**
 * The REST query of the admin's device picker (src/components/DevicePicker.tsx) for what staff typed: a `like` on the
 * model, which the devices' search hook widens to aliases and any spelling (src/hooks/deviceSearch.ts).
 */
export const devicePickerQuery = (typed: string): URLSearchParams => {
  const query = new URLSearchParams({
    limit: String(DEVICE_PICKER_RESULTS),
    depth: '0',
    sort: 'model',
    'select[model]': 'true',
  })
  if (typed.trim()) query.set('where[model][like]', typed.trim())
  return query
}
