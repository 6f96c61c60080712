/** The admin component of every relationship to devices: finds a model by alias or any spelling (src/components/DevicePicker.tsx). */
export const DEVICE_PICKER = { Field: '/src/components/DevicePicker#DevicePicker' }
