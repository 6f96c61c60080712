import type { FlattenedField } from 'payload'

/**
 * Hostile write bodies, generated from a collection's fields and one valid sample document: wrong types for every
 * field, missing required fields, unknown fields, huge strings, deep nesting, unknown and malformed IDs, duplicate
 * unique values. Documents copied from a read are made by the suite itself (they need a read first).
 */

export type Data = Record<string, unknown>

export type CaseKind =
  | 'wrong type'
  | 'missing required'
  | 'unknown fields'
  | 'huge string'
  | 'deep nesting'
  | 'unknown or malformed id'
  | 'duplicate unique'
  | 'copy of a read'
  | 'malformed query'

export type FuzzCase = {
  kind: CaseKind
  /** The field the case is about (dotted path, array rows by index), when it is about one. */
  field?: string
  /** For a wrong value of a field: which of the field's values it is (the suite samples by it); absent otherwise. */
  variant?: number
  /** What is sent, in words, for the summary and failure messages. */
  label: string
  /** The body of a create, from a fresh valid sample; `existing` is a stored document of the same collection. */
  create: (sample: Data, existing: Data) => Data
  /** The body of an update of `existing` (the stored target, depth 0): only the top-level field the case touches. */
  update: (sample: Data, existing: Data) => Data
}

/** An operator object where a value belongs, as a client confusing data with a query would send it. */
export const WHERE_LIKE = { equals: 'x', or: [{ id: { exists: true } }], $ne: null }
/** An ID of the right shape (our IDs are UUIDs) that names nothing. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
export const MALFORMED_IDS = ['../../etc/passwd', "1' OR '1'='1", 'x'.repeat(300)]

export const DEEP_LEVELS = 10_000
/** One megabyte (10^6 bytes): a body holding it stays under the API's 1 MiB limit and reaches Payload. */
export const HUGE_STRING_BYTES = 1_000_000
export const LONG_TEXT_CHARS = 100_000

/**
 * JSON text sent as it is, in place of a value. Bodies nested thousands of levels deep are written as text: the
 * test's own JSON.stringify would overflow its stack on them, as recursive code on the server might.
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/** `levels` query-like objects inside each other: {"and":[{"and":[ … "bottom" … ]}]}. */
export const deeplyNested = (levels: number): RawJson =>
  new RawJson(`${'{"and":['.repeat(levels)}"bottom"${']}'.repeat(levels)}`)

/** A Lexical body whose root holds a paragraph holding a paragraph … `levels` deep. */
export const deepRichText = (levels: number): RawJson => {
  const paragraph = '{"type":"paragraph","version":1,"direction":"ltr","format":"","indent":0,"children":['
  const text = '{"type":"text","text":"bottom","version":1,"format":0,"detail":0,"mode":"normal","style":""}'
  const root = '{"root":{"type":"root","version":1,"direction":"ltr","format":"","indent":0,"children":['
  return new RawJson(`${root}${paragraph.repeat(levels)}${text}${']}'.repeat(levels)}]}}`)
}

/** JSON text of a body that may hold RawJson values (and own `__proto__` keys, which JSON.stringify keeps). */
export const toJson = (value: unknown): string => {
  const raw: string[] = []
  const text = JSON.stringify(value, (_key, item) => {
    if (!(item instanceof RawJson)) return item
    raw.push(item.json)
    return `\u0000raw${raw.length - 1}\u0000`
  })
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_match, index) => raw[Number(index)]!)
}

type Variant = { kind: CaseKind; label: string; value: unknown }
type AnyField = FlattenedField & Record<string, any>

const wrong = (label: string, value: unknown): Variant => ({ kind: 'wrong type', label, value })
const badId = (label: string, value: unknown): Variant => ({ kind: 'unknown or malformed id', label, value })

/** Values of the wrong type (and IDs that name nothing) for one field, by its type. */
const variantsFor = (field: AnyField): Variant[] => {
  const where = wrong('query object', WHERE_LIKE)
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return field.hasMany
        ? [wrong('string for list', 'one'), wrong('objects in list', [{ a: 1 }]), where]
        : [wrong('number', 12345), where, wrong('array', ['a', 'b']), wrong('boolean', true)]
    case 'number':
      return field.hasMany
        ? [wrong('string for list', 'one'), where]
        : [
            wrong('string', 'not a number'),
            where,
            wrong('array', [1, 2]),
            wrong('huge number', 1e308),
            wrong('numeric string', '1e999'),
          ]
    case 'checkbox':
      return [wrong('string', 'yes'), where, wrong('number', 2)]
    case 'date':
      return [
        wrong('number', 12345),
        wrong('nonsense string', 'not a date'),
        where,
        wrong('impossible date', '2026-13-45T99:99:99Z'),
      ]
    case 'select':
    case 'radio':
      return field.hasMany
        ? [wrong('string for list', 'one'), wrong('unknown options', ['no-such-option', 1]), where]
        : [wrong('unknown option', 'no-such-option'), wrong('number', 1), where, wrong('array', ['a'])]
    case 'relationship':
    case 'upload': {
      if (Array.isArray(field.relationTo)) {
        const [first] = field.relationTo as string[]
        return [
          wrong('plain string', 'x'),
          badId('unknown collection', { relationTo: 'no-such-collection', value: UNKNOWN_ID }),
          badId('unknown id', { relationTo: first, value: UNKNOWN_ID }),
          badId('malformed id', { relationTo: first, value: MALFORMED_IDS[0] }),
          wrong('query object as id', { relationTo: first, value: WHERE_LIKE }),
        ]
      }
      return field.hasMany
        ? [
            wrong('string for list', UNKNOWN_ID),
            where,
            badId('unknown id', [UNKNOWN_ID]),
            badId('malformed ids', MALFORMED_IDS),
            wrong('query objects in list', [WHERE_LIKE]),
            wrong('null in list', [null]),
          ]
        : [
            wrong('array for relation', [UNKNOWN_ID]),
            where,
            wrong('number', 99999),
            badId('unknown id', UNKNOWN_ID),
            badId('malformed id', MALFORMED_IDS[0]),
            badId('injection id', MALFORMED_IDS[1]),
            badId('over-long id', MALFORMED_IDS[2]),
            badId('polymorphic shape', { relationTo: field.relationTo, value: UNKNOWN_ID }),
          ]
    }
    case 'array':
      return [
        wrong('string for rows', 'not rows'),
        where,
        wrong('scalars for rows', [1, 'x']),
        wrong('rows with one made-up id twice', [{ id: 'row-id-from-a-client' }, { id: 'row-id-from-a-client' }]),
      ]
    case 'group':
    case 'tab':
      return [wrong('string for group', 'not a group'), wrong('array for group', [1, 2])]
    case 'json':
      return [
        { kind: 'deep nesting', label: `${DEEP_LEVELS} levels`, value: deeplyNested(DEEP_LEVELS) },
        wrong('string', 'x'),
      ]
    case 'richText':
      return [
        wrong('plain string', 'plain text'),
        wrong('number', 12),
        wrong('root null', { root: null }),
        wrong('children not a list', { root: { type: 'root', children: 'x' } }),
        { kind: 'deep nesting', label: `${DEEP_LEVELS} levels`, value: deepRichText(DEEP_LEVELS) },
      ]
    default:
      return [where]
  }
}

const clone = <T>(value: T): T => structuredClone(value)

const segments = (path: string) => path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))

/** `data` with the value at `path` replaced (or removed when `value` is `REMOVE`). */
const REMOVE = Symbol('remove')
export const withValueAt = (data: Data, path: string, value: unknown): Data => {
  const copy = clone(data)
  const parts = segments(path)
  let node: any = copy
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {}
    node = node[part]
  }
  const last = parts.at(-1)!
  if (value === REMOVE) delete node[last]
  else node[last] = value
  return copy
}

const valueAt = (data: Data, path: string): unknown =>
  segments(path).reduce<any>((node, part) => (node === null || node === undefined ? undefined : node[part]), data)

/** An update touches only the top-level field the case is about (its whole value, as a client sends it). */
const topLevelOf = (data: Data, path: string): Data => {
  const top = path.split('.')[0]
  return { [top]: data[top] }
}

/** Fields a body may carry, with their paths; array rows are entered through the sample's first row. */
const walk = (fields: FlattenedField[], sample: Data, prefix = ''): Array<{ field: AnyField; path: string }> =>
  fields.flatMap((field) => {
    const path = `${prefix}${field.name}`
    const own = { field: field as AnyField, path }
    if ((field.type === 'group' || field.type === 'tab') && 'flattenedFields' in field) {
      return [own, ...walk(field.flattenedFields, sample, `${path}.`)]
    }
    if (
      field.type === 'array' &&
      Array.isArray(valueAt(sample, path)) &&
      (valueAt(sample, path) as unknown[]).length > 0
    ) {
      return [own, ...walk(field.flattenedFields, sample, `${path}.0.`)]
    }
    return [own]
  })

const firstTextPath = (fields: FlattenedField[], sample: Data): string | undefined =>
  walk(fields, sample).find(
    ({ field, path }) =>
      (field.type === 'text' || field.type === 'textarea') &&
      !field.hasMany &&
      typeof valueAt(sample, path) === 'string',
  )?.path

/** A JSON key that becomes an own `__proto__` property when parsed, as an attacker's body would carry it. */
const withOwnProto = (data: Data): Data => {
  const copy = clone(data)
  Object.defineProperty(copy, '__proto__', {
    value: { polluted: 'yes' },
    enumerable: true,
    configurable: true,
    writable: true,
  })
  return copy
}

/** An account's password is no field of the collection, but every create and update may carry one. */
const PASSWORD_FIELD = { name: 'password', type: 'text' } as FlattenedField

/**
 * Every case for a collection with these fields, given one valid sample (to see which paths it fills); `auth`
 * adds the password an account's body carries.
 */
export const fuzzCases = (fields: FlattenedField[], sample: Data, { auth = false } = {}): FuzzCase[] => {
  const cases: FuzzCase[] = []
  const paths = walk(auth ? [...fields, PASSWORD_FIELD] : fields, sample)

  for (const [fieldIndex, { field, path }] of paths.entries()) {
    for (const [variant, { kind, label, value }] of variantsFor(field).entries()) {
      cases.push({
        kind,
        field: path,
        variant: variant + fieldIndex,
        label: `${path}: ${label}`,
        create: (fresh) => withValueAt(fresh, path, value),
        update: (fresh) => topLevelOf(withValueAt(fresh, path, value), path),
      })
    }
    if (field.required) {
      cases.push({
        kind: 'missing required',
        field: path,
        label: `${path}: missing`,
        create: (fresh) => withValueAt(fresh, path, REMOVE),
        update: (fresh) => topLevelOf(withValueAt(fresh, path, null), path),
      })
    }
    if (field.unique) {
      cases.push({
        kind: 'duplicate unique',
        field: path,
        label: `${path}: value of another document`,
        create: (fresh, existing) => withValueAt(fresh, path, valueAt(existing, path)),
        update: (_fresh, existing) => ({ [path]: valueAt(existing, path) }),
      })
    }
  }

  cases.push({
    kind: 'unknown fields',
    label: 'unknown, dotted and prototype keys',
    create: (fresh) =>
      withOwnProto({
        ...fresh,
        fuzzUnknownField: 'x',
        'title.nested': 'dotted',
        constructor: { prototype: { polluted: 'yes' } },
      }),
    update: () =>
      withOwnProto({
        fuzzUnknownField: 'x',
        'title.nested': 'dotted',
        constructor: { prototype: { polluted: 'yes' } },
      }),
  })

  const text = firstTextPath(fields, sample)
  if (text) {
    // Japanese text as staff write it (three bytes a character), and one megabyte of plain ASCII.
    for (const [huge, label] of [
      ['あ'.repeat(LONG_TEXT_CHARS), '100 k characters'],
      ['x'.repeat(HUGE_STRING_BYTES), '1 MB'],
    ] as const) {
      cases.push({
        kind: 'huge string',
        field: text,
        label: `${text}: ${label}`,
        create: (fresh) => withValueAt(fresh, text, huge),
        update: (fresh) => topLevelOf(withValueAt(fresh, text, huge), text),
      })
    }
    cases.push({
      kind: 'deep nesting',
      field: text,
      label: `${text}: ${DEEP_LEVELS} levels of objects`,
      create: (fresh) => withValueAt(fresh, text, deeplyNested(DEEP_LEVELS)),
      update: (fresh) => topLevelOf(withValueAt(fresh, text, deeplyNested(DEEP_LEVELS)), text),
    })
  }

  return cases
}
