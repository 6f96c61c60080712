import type { FlattenedField, SanitizedConfig } from 'payload'

import * as qs from 'qs-esm'

import type { Bilingual } from './i18n'

/** What is wrong with a query: the parameter (`where.title.near`, `limit`) and why, in both languages. */
export type QueryProblem = { parameter: string; reason: Bilingual }

/** The largest page size or page number: within every database's integer (Postgres INTEGER, SQLite, MongoDB). */
export const MAX_WHOLE_NUMBER = 2_147_483_647

/** Payload's own parse of a query string (createPayloadRequest), so we judge what Payload would read. */
export const parseApiQuery = (search: string): Record<string, unknown> =>
  qs.parse(search, { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }) as Record<
    string,
    unknown
  >

const problem = (parameter: string, ja: string, en: string): QueryProblem => ({ parameter, reason: { ja, en } })

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const wholeNumber = (parameter: string, value: unknown, min: number, max: number): QueryProblem | null => {
  if (typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) >= min && Number(value) <= max) return null
  return problem(
    parameter,
    `${min} から ${max} までの整数を1つ指定してください。`,
    `one whole number from ${min} to ${max}`,
  )
}

const flag = (parameter: string, value: unknown): QueryProblem | null =>
  value === 'true' || value === 'false'
    ? null
    : problem(parameter, 'true か false を指定してください。', 'true or false')

/** Field paths as Payload names them: `title`, `seo.title`, `store.name`, `_status`, `version.title`. */
const FIELD_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/

const sortProblem = (value: unknown): QueryProblem | null => {
  const items = Array.isArray(value) ? value : [value]
  const wellFormed =
    items.length > 0 &&
    items.every(
      (item) => typeof item === 'string' && item.split(',').every((part) => FIELD_PATH.test(part.replace(/^-/, ''))),
    )
  return wellFormed
    ? null
    : problem(
        'sort',
        'フィールド名をカンマ区切りで指定してください（降順は先頭に -）。',
        'field names separated by commas, each optionally led by - for descending order',
      )
}

/** Operators of Payload's where queries, and what each takes. */
const SCALAR_OPERATORS = new Set([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])
const COMPARISONS = new Set([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'in',
  'not_in',
])

type Fields = readonly FlattenedField[]
type Resolve = (path: string) => FlattenedField | 'id' | undefined

/** The field a where path names in a collection's fields, through groups, tabs and (single-collection) relationships. */
const fieldResolver =
  (config: SanitizedConfig, fields: Fields): Resolve =>
  (path) => {
    let current: Fields = fields
    let found: FlattenedField | 'id' | undefined
    for (const segment of path.split('.')) {
      if (segment === 'id') return 'id'
      const field = current.find((candidate) => 'name' in candidate && candidate.name === segment)
      if (!field) return undefined
      found = field
      if ('flattenedFields' in field) current = field.flattenedFields
      else if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
        current = config.collections.find((collection) => collection.slug === field.relationTo)?.flattenedFields ?? []
      } else current = []
    }
    return found
  }

const isDate = (value: string) => {
  const time = Date.parse(value)
  return !Number.isNaN(time) && Math.abs(time) <= 8.64e15 && new Date(time).getUTCFullYear() <= 9999
}

const valueProblem = (
  parameter: string,
  operator: string,
  value: unknown,
  field: FlattenedField | 'id' | undefined,
): QueryProblem | null => {
  if (operator === 'exists') return flag(parameter, value)
  if (GEO_OPERATORS.has(operator)) {
    if (field !== undefined && (field === 'id' || field.type !== 'point'))
      return problem(
        parameter,
        `${operator} は位置（point）フィールドにのみ使えます。`,
        `${operator} applies to point fields only`,
      )
    if (operator === 'near') {
      const parts = typeof value === 'string' ? value.split(',') : []
      if (
        parts.length < 2 ||
        parts.length > 4 ||
        parts.some((part) => part.trim() === '' || !Number.isFinite(Number(part)))
      ) {
        return problem(
          parameter,
          '経度,緯度[,最大距離[,最小距離]] を数値で指定してください。',
          'longitude,latitude[,maxDistance[,minDistance]] as numbers',
        )
      }
      return null
    }
    return isRecord(value) ? null : problem(parameter, 'GeoJSON のオブジェクトを指定してください。', 'a GeoJSON object')
  }
  const values = LIST_OPERATORS.has(operator)
    ? Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? value.split(',')
        : [value]
    : [value]
  if (!values.every((item) => typeof item === 'string')) {
    return LIST_OPERATORS.has(operator)
      ? problem(
          parameter,
          '値の一覧（カンマ区切りまたは配列）を指定してください。',
          'a list of values (comma-separated or an array)',
        )
      : problem(parameter, '値を1つ指定してください。', 'one value')
  }
  if (operator === 'all' && field !== undefined && (field === 'id' || !('hasMany' in field && field.hasMany))) {
    return problem(
      parameter,
      'all は複数値のフィールドにのみ使えます。',
      'all applies to fields holding several values only',
    )
  }
  if (field !== undefined && field !== 'id' && COMPARISONS.has(operator)) {
    const strings = values as string[]
    if (field.type === 'date' && !strings.every((item) => item === '' || isDate(item))) {
      return problem(
        parameter,
        '日付（例: 2026-04-01 または 2026-04-01T09:00:00+09:00）を指定してください。',
        'a date (2026-04-01 or 2026-04-01T09:00:00+09:00)',
      )
    }
    if (field.type === 'number' && !strings.every((item) => item === '' || Number.isFinite(Number(item)))) {
      return problem(parameter, '数値を指定してください。', 'a number')
    }
  }
  return null
}

/** Checks a where object the way Payload will read it: and/or lists of conditions, field paths, operators, values. */
const whereProblem = (where: unknown, parameter: string, resolve: Resolve | undefined): QueryProblem | null => {
  if (!isRecord(where))
    return problem(
      parameter,
      '条件のオブジェクトを指定してください（例: where[title][equals]=…）。',
      'an object of conditions, such as where[title][equals]=…',
    )
  for (const [key, condition] of Object.entries(where)) {
    const path = `${parameter}.${key}`
    if (key === 'and' || key === 'or' || key === 'AND' || key === 'OR') {
      const conditions = Array.isArray(condition)
        ? condition
        : isRecord(condition) && Object.keys(condition).every((index) => /^\d+$/.test(index))
          ? Object.values(condition)
          : null
      if (!conditions)
        return problem(
          path,
          '条件の配列を指定してください（例: where[or][0][title][equals]=…）。',
          'a list of conditions, such as where[or][0][title][equals]=…',
        )
      for (const [index, inner] of conditions.entries()) {
        const found = whereProblem(inner, `${path}.${index}`, resolve)
        if (found) return found
      }
      continue
    }
    if (!FIELD_PATH.test(key)) return problem(path, 'フィールド名が不正です。', 'not a field name')
    if (!isRecord(condition) || Object.keys(condition).length === 0) {
      return problem(
        path,
        '演算子と値を指定してください（例: [equals]=…）。',
        'an operator and its value, such as [equals]=…',
      )
    }
    const field = resolve?.(key)
    for (const [operator, value] of Object.entries(condition)) {
      if (
        !SCALAR_OPERATORS.has(operator) &&
        !LIST_OPERATORS.has(operator) &&
        !GEO_OPERATORS.has(operator) &&
        operator !== 'exists'
      ) {
        return problem(`${path}.${operator}`, '未知の演算子です。', 'not an operator Payload knows')
      }
      const found = valueProblem(`${path}.${operator}`, operator, value, field)
      if (found) return found
    }
  }
  return null
}

/** `select` and the selections of `populate`: nested objects whose leaves are true or false. */
const selectionProblem = (parameter: string, value: unknown): QueryProblem | null => {
  if (!isRecord(value))
    return problem(
      parameter,
      'フィールド名をキーにしたオブジェクトを指定してください（例: select[title]=true）。',
      'an object keyed by field names, such as select[title]=true',
    )
  for (const [key, inner] of Object.entries(value)) {
    const found = isRecord(inner) ? selectionProblem(`${parameter}.${key}`, inner) : flag(`${parameter}.${key}`, inner)
    if (found) return found
  }
  return null
}

const joinsProblem = (value: unknown): QueryProblem | null => {
  if (value === 'false') return null
  if (!isRecord(value))
    return problem(
      'joins',
      '結合フィールドごとのオブジェクト、または false を指定してください。',
      'an object per join field, or false',
    )
  for (const [name, join] of Object.entries(value)) {
    if (join === 'false') continue
    if (!isRecord(join))
      return problem(`joins.${name}`, 'オブジェクトまたは false を指定してください。', 'an object or false')
    const found =
      (join.limit !== undefined ? wholeNumber(`joins.${name}.limit`, join.limit, 0, MAX_WHOLE_NUMBER) : null) ??
      (join.page !== undefined ? wholeNumber(`joins.${name}.page`, join.page, 1, MAX_WHOLE_NUMBER) : null) ??
      (join.sort !== undefined ? sortProblem(join.sort) : null) ??
      (join.count !== undefined ? flag(`joins.${name}.count`, join.count) : null) ??
      (join.where !== undefined ? whereProblem(join.where, `joins.${name}.where`, undefined) : null)
    if (found) return found
  }
  return null
}

/**
 * The first thing wrong with a REST query, judged on Payload's own parse: numbers that are whole and in range,
 * flags that are true or false, sort and select in their shapes, where conditions with known operators and values of
 * the right kind for the field (dates, numbers, geo operators on point fields only, `all` on fields with several
 * values). Unknown parameters and unknown field names are left to Payload, which ignores the one and refuses the
 * other with 400. `collection` is the slug the route is about, when it is one.
 */
export const queryProblem = (
  config: SanitizedConfig,
  query: Record<string, unknown>,
  collection?: string,
): QueryProblem | null => {
  const fields = config.collections.find((candidate) => candidate.slug === collection)?.flattenedFields
  const resolve = fields ? fieldResolver(config, fields) : undefined
  const checks: [string, (value: unknown) => QueryProblem | null][] = [
    ['depth', (value) => wholeNumber('depth', value, 0, config.maxDepth)],
    ['limit', (value) => wholeNumber('limit', value, 0, MAX_WHOLE_NUMBER)],
    ['page', (value) => wholeNumber('page', value, 1, MAX_WHOLE_NUMBER)],
    ['sort', sortProblem],
    ['where', (value) => whereProblem(value, 'where', resolve)],
    ['select', (value) => selectionProblem('select', value)],
    [
      'populate',
      (value) =>
        isRecord(value)
          ? (Object.entries(value)
              .map(([slug, selection]) => selectionProblem(`populate.${slug}`, selection))
              .find(Boolean) ?? null)
          : selectionProblem('populate', value),
    ],
    ['joins', joinsProblem],
    ['draft', (value) => flag('draft', value)],
    ['trash', (value) => flag('trash', value)],
    ['pagination', (value) => flag('pagination', value)],
    [
      'locale',
      (value) =>
        typeof value === 'string' ? null : problem('locale', 'ロケールを1つ指定してください。', 'one locale'),
    ],
    [
      'fallback-locale',
      (value) =>
        typeof value === 'string' ? null : problem('fallback-locale', 'ロケールを1つ指定してください。', 'one locale'),
    ],
    [
      'fallbackLocale',
      (value) =>
        typeof value === 'string' ? null : problem('fallbackLocale', 'ロケールを1つ指定してください。', 'one locale'),
    ],
  ]
  for (const [parameter, check] of checks) {
    if (query[parameter] === undefined) continue
    const found = check(query[parameter])
    if (found) return found
  }
  return null
}
