import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest } from 'payload'

import { executeAccess, ValidationError } from 'payload'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'

/**
 * Every create and update, of every collection, drafts included, is refused with a 400 naming each field whose value
 * no field of its type can hold: a string where a number goes, an object where an ID goes, an unknown option, a date
 * nobody can read, text past its maximum length, a body nested past MAX_NESTING levels. Payload validates fields only
 * on published saves, and runs hooks and access rules on the data first, so such a value reached our hooks (which
 * threw), Payload's copying of the data (which overflowed its stack) or the database (which refused it): a 500,
 * sometimes with half the document written. This check runs before any of them, as the operation's first step, right
 * after the collection's access rule (someone who may not write here gets Payload's 403, whatever they sent).
 *
 * It checks shapes, not completeness: a draft may still leave required fields empty, and Payload's own validation
 * (required, min and max, our rules) still runs on every published save. One exception: a list row sent to a
 * collection without drafts must carry its required fields, which its table keeps NOT NULL (Payload skips checking
 * some of its own rows, an account's sessions). Whether an ID names an existing document is checked later, after
 * access (refuseUnknownReferences).
 */

/** Deeper than any body the editor makes (a list nested 40 levels is ~160), far below what recursive code survives. */
export const MAX_NESTING = 200

export type FieldProblem = { path: string; message: Bilingual }

type AnyField = FlattenedField & Record<string, any>

const TAKES = (what: Bilingual): Bilingual => ({
  ja: `この項目の値の形式が正しくありません（${what.ja}を入力してください）。`,
  en: `This field takes ${what.en}.`,
})

const TEXT = TAKES({ ja: '文字列', en: 'text' })
const TEXTS = TAKES({ ja: '文字列のリスト', en: 'a list of texts' })
const NUMBER = TAKES({ ja: '数値', en: 'a number' })
const NUMBERS = TAKES({ ja: '数値のリスト', en: 'a list of numbers' })
const CHECKBOX = TAKES({ ja: 'true または false', en: 'true or false' })
const DATE = TAKES({ ja: '日付（例: 2026-04-01T10:00:00+09:00）', en: 'a date, like 2026-04-01T10:00:00+09:00' })
const ROWS = TAKES({ ja: '行（オブジェクト）のリスト', en: 'a list of rows (objects)' })
const GROUP = TAKES({ ja: '項目のまとまり（オブジェクト）', en: 'an object of fields' })
const POINT = TAKES({ ja: '経度と緯度の組', en: 'a [longitude, latitude] pair' })
const RICH_TEXT = TAKES({ ja: 'リッチテキスト（Lexical の JSON）', en: 'rich text (Lexical JSON)' })
const REQUIRED: Bilingual = { ja: '必須項目です。', en: 'This field is required.' }
const TOO_DEEP: Bilingual = {
  ja: `入れ子が深すぎます（${MAX_NESTING}段まで）。`,
  en: `Nested too deeply (at most ${MAX_NESTING} levels).`,
}

const options = (field: AnyField): string[] =>
  (field.options ?? []).map((option: string | { value: string }) =>
    typeof option === 'string' ? option : option.value,
  )

const OPTION = (field: AnyField) =>
  TAKES({ ja: `選択肢（${options(field).join(', ')}）のいずれか`, en: `one of ${options(field).join(', ')}` })
const ID = (collections: string) =>
  TAKES({ ja: `${collections} の文書のID`, en: `the ID of a document in ${collections}` })
const TOO_LONG = (max: number): Bilingual => ({
  ja: `${max}文字以内で入力してください。`,
  en: `At most ${max} characters.`,
})

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

const isReadableDate = (value: unknown): boolean => {
  if (value instanceof Date) return !Number.isNaN(value.getTime())
  if (typeof value !== 'string') return false
  const time = Date.parse(value)
  if (Number.isNaN(time)) return false
  const year = new Date(time).getUTCFullYear()
  return year >= 1 && year <= 9999
}

/** Payload reads numeric strings from forms as numbers; anything else must already be a finite number. */
const isNumber = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

/** How many objects and arrays deep `value` goes, counted without recursion (the check must not overflow either). */
export const nestingDepth = (value: unknown, stopAt = MAX_NESTING + 1): number => {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null || item instanceof Date) continue
    if (depth + 1 > deepest) deepest = depth + 1
    if (deepest >= stopAt) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return deepest
}

/** An ID as the database keys documents: a number (SQL serial IDs), an ObjectID (MongoDB) or any text (our UUIDs). */
const isIdShape = (value: unknown, req: PayloadRequest): boolean => {
  if (req.payload.db.defaultIDType === 'number') return isNumber(value)
  if (req.payload.db.name === 'mongoose') return typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)
  return typeof value === 'string' && value !== ''
}

/** An ID, or a document read with it (Payload takes the document's `id`). */
const isReference = (value: unknown, req: PayloadRequest) =>
  isIdShape(isPlainObject(value) && 'id' in value ? value.id : value, req)

const relationProblem = (field: AnyField, value: unknown, req: PayloadRequest): Bilingual | undefined => {
  // Payload reads these as "no document".
  if (value === null || value === '' || value === 'none' || value === 'null') return undefined
  const targets: string[] = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
  const one = (item: unknown) =>
    Array.isArray(field.relationTo)
      ? isPlainObject(item) &&
        typeof item.relationTo === 'string' &&
        targets.includes(item.relationTo) &&
        isReference(item.value, req)
      : isReference(item, req)
  const fits = field.hasMany ? Array.isArray(value) && value.every(one) : one(value)
  return fits ? undefined : ID(targets.join(', '))
}

/**
 * How a body is checked: `req` for the database's ID type and the language, `completeRows` where the database keeps
 * a row's required fields NOT NULL (collections without drafts): each row sent replaces the stored ones whole, and a
 * row missing one was refused by the database after the document itself was written.
 */
type Check = { req: PayloadRequest; completeRows: boolean }

/** Required fields of a row that Payload does not fill in itself (no default value). */
const missingInRow = (fields: FlattenedField[], row: Record<string, unknown>, prefix: string): FieldProblem[] =>
  fields
    .filter(
      (field) =>
        'required' in field &&
        field.required &&
        !('defaultValue' in field && field.defaultValue !== undefined) &&
        !('virtual' in field && field.virtual),
    )
    .filter((field) => row[field.name] === undefined || row[field.name] === null)
    .map((field) => ({ path: `${prefix}${field.name}`, message: REQUIRED }))

/** What is wrong with `value` for `field` (nothing: an empty list); nested fields report on their own paths. */
const valueProblems = (field: AnyField, value: unknown, path: string, check: Check): FieldProblem[] => {
  const { req } = check
  if (value === undefined || value === null) return []
  const problem = (message: Bilingual | undefined): FieldProblem[] => (message ? [{ path, message }] : [])
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code': {
      const values = field.hasMany ? value : [value]
      if (!Array.isArray(values) || !values.every((item) => typeof item === 'string'))
        return problem(field.hasMany ? TEXTS : TEXT)
      const max = typeof field.maxLength === 'number' ? field.maxLength : undefined
      return problem(max !== undefined && values.some((item: string) => item.length > max) ? TOO_LONG(max) : undefined)
    }
    case 'number': {
      // Payload reads an empty form value as "no number".
      if (value === '') return []
      const values = field.hasMany ? value : [value]
      return problem(Array.isArray(values) && values.every(isNumber) ? undefined : field.hasMany ? NUMBERS : NUMBER)
    }
    case 'checkbox':
      return problem(
        typeof value === 'boolean' || value === 'true' || value === 'false' || value === '' ? undefined : CHECKBOX,
      )
    case 'date':
      return problem(isReadableDate(value) ? undefined : DATE)
    case 'select':
    case 'radio': {
      const allowed = options(field)
      const values = field.hasMany ? value : [value]
      return problem(
        Array.isArray(values) && values.every((item) => typeof item === 'string' && allowed.includes(item))
          ? undefined
          : OPTION(field),
      )
    }
    case 'relationship':
    case 'upload':
      return problem(relationProblem(field, value, req))
    case 'point':
      return problem(Array.isArray(value) && value.length === 2 && value.every(isNumber) ? undefined : POINT)
    case 'richText': {
      // Payload parses a body sent as JSON text: it is held to the same depth as one sent as JSON.
      const body = typeof value === 'string' ? safeJson(value) : value
      return problem(!isPlainObject(body) ? RICH_TEXT : nestingDepth(body) > MAX_NESTING ? TOO_DEEP : undefined)
    }
    case 'group':
    case 'tab':
      if (!isPlainObject(value)) return problem(GROUP)
      return fieldsProblems(field.flattenedFields, value, `${path}.`, check)
    case 'array':
      // Payload reads 0 as "no rows".
      if (value === 0 || value === '0') return []
      if (!Array.isArray(value) || !value.every(isPlainObject)) return problem(ROWS)
      return value.flatMap((row, index) => [
        ...(check.completeRows
          ? missingInRow(field.flattenedFields, row as Record<string, unknown>, `${path}.${index}.`)
          : []),
        ...fieldsProblems(field.flattenedFields, row as Record<string, unknown>, `${path}.${index}.`, check),
      ])
    case 'blocks': {
      if (value === 0 || value === '0') return []
      const blocks: Array<{ slug: string; flattenedFields: FlattenedField[] }> = field.blocks ?? []
      if (
        !Array.isArray(value) ||
        !value.every((row) => isPlainObject(row) && blocks.some(({ slug }) => slug === row.blockType))
      )
        return problem(ROWS)
      return value.flatMap((row, index) => {
        const rowFields = blocks.find(({ slug }) => slug === (row as { blockType: string }).blockType)!.flattenedFields
        return [
          ...(check.completeRows ? missingInRow(rowFields, row as Record<string, unknown>, `${path}.${index}.`) : []),
          ...fieldsProblems(rowFields, row as Record<string, unknown>, `${path}.${index}.`, check),
        ]
      })
    }
    default:
      // json and join: any JSON (depth is checked for the whole body).
      return []
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const fieldsProblems = (
  fields: FlattenedField[],
  data: Record<string, unknown>,
  prefix: string,
  check: Check,
): FieldProblem[] =>
  fields.flatMap((field) =>
    'name' in field && Object.hasOwn(data, field.name)
      ? valueProblems(field as AnyField, data[field.name], `${prefix}${field.name}`, check)
      : [],
  )

/**
 * The problems of a whole body for a collection's fields (empty when it can be saved, as a draft at least). `auth`:
 * an account's body, with a password; `drafts`: the collection keeps drafts (its rows may be incomplete).
 */
export const malformedFields = (
  fields: FlattenedField[],
  data: unknown,
  req: PayloadRequest,
  { auth = false, drafts = false } = {},
): FieldProblem[] => {
  if (!isPlainObject(data)) return [{ path: '', message: GROUP }]
  // Deep values are refused whole, before anything walks them.
  const deep = Object.entries(data).filter(([, value]) => nestingDepth(value) > MAX_NESTING)
  if (deep.length) return deep.map(([key]) => ({ path: key, message: TOO_DEEP }))
  const problems = fieldsProblems(fields, data, '', { req, completeRows: !drafts })
  // An account's password is no field, but Payload hashes whatever it is given.
  if (auth && data.password !== undefined && data.password !== null && typeof data.password !== 'string')
    problems.push({ path: 'password', message: TEXT })
  return problems
}

export const refuseMalformedInput: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  // Server code that overrides access is trusted with its own shapes: Payload's admin saves a preference with
  // `user: { collection, value }`, which the preferences field's own hook turns into a relation.
  if ((operation !== 'create' && operation !== 'update') || args.overrideAccess) return args
  // Someone who may not write here at all is refused as Payload refuses them (403), whatever the body: the shape of
  // the fields is no one else's business. Payload asks the same rule again right after this hook.
  await executeAccess(
    { id: 'id' in args ? (args.id as number | string) : undefined, data: args.data, req },
    collection.access[operation],
  )
  const problems = malformedFields(collection.flattenedFields, args.data, req, {
    auth: Boolean(collection.auth),
    drafts: Boolean(collection.versions?.drafts),
  })
  if (problems.length) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: problems.map(({ path, message }) => ({ path, message: inRequestLanguage(message, req) })),
        req,
      },
      req.t,
    )
  }
  return args
}
