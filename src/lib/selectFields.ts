import type { Field, Option } from 'payload'

/** A select or radio field found anywhere in a collection or global, with the dotted path of its data. */
export type SelectField = {
  /** The data path, array and group names included (openingHours.days); tabs without a name and rows add nothing. */
  path: string
  label: unknown
  /** Hidden from the admin (Payload's time-zone companions of dates): nothing a person reads. */
  hidden: boolean
  options: Array<{ value: string; label: unknown }>
}

const optionEntry = (option: Option) =>
  typeof option === 'string' ? { value: option, label: option } : { value: option.value, label: option.label }

/**
 * Every select and radio field of a field list, nested ones included (groups, arrays, rows, collapsibles, tabs,
 * blocks), in the order the admin shows them. It walks the live config, so a new field is found without a list to keep.
 */
export const selectFields = (fields: Field[], prefix = ''): SelectField[] =>
  fields.flatMap((field): SelectField[] => {
    const path = 'name' in field && field.name ? `${prefix}${field.name}` : undefined
    if (field.type === 'select' || field.type === 'radio') {
      return [
        {
          path: path as string,
          label: field.label,
          hidden: Boolean(field.hidden || field.admin?.hidden),
          options: field.options.map(optionEntry),
        },
      ]
    }
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        selectFields(tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix),
      )
    }
    if (field.type === 'blocks') {
      return (field.blocks ?? []).flatMap((block) => selectFields(block.fields, `${path}.${block.slug}.`))
    }
    if ('fields' in field) return selectFields(field.fields, path ? `${path}.` : prefix)
    return []
  })

/** The time-zone companion Payload adds after a date field with a zone (publishedAt_tz): IANA names, not our codes. */
export const isTimeZoneCompanion = (field: SelectField): boolean =>
  field.hidden && field.path.endsWith('_tz') && field.options.every((option) => option.value.includes('/'))
