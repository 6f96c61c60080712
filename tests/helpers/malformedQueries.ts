/**
 * Malformed query strings for the REST API and wrong-typed GraphQL variables, as a careless client or a fuzzer sends
 * them. Each must be answered 4xx (400 naming the parameter), never 5xx, on every collection. Shared by
 * tests/attacks/bodiesAndQueries.test.ts and the fuzz suite.
 */

export type MalformedQuery = {
  /** The query parameter the case is about (`where`, `depth`, …): a 400 names it. */
  parameter: string
  /** The raw query string, sent as it is (no encoding added or removed). */
  query: string
}

const q = (parameter: string, ...queries: string[]): MalformedQuery[] => queries.map((query) => ({ parameter, query }))

/** A number past every integer type a database has, and one past double precision. */
const HUGE = '99999999999999999999999999'
const BEYOND_DOUBLE = '1e400'

export const MALFORMED_REST_QUERIES: readonly MalformedQuery[] = [
  ...q(
    'depth',
    'depth=abc',
    'depth=-1',
    'depth=1.5',
    'depth=11',
    `depth=${HUGE}`,
    `depth=${BEYOND_DOUBLE}`,
    'depth[]=1',
    'depth[a]=1',
    'depth=1&depth=2',
    'depth=',
    'depth=NaN',
    'depth=Infinity',
  ),
  ...q(
    'limit',
    'limit=-1',
    'limit=abc',
    'limit=1.5',
    `limit=${HUGE}`,
    `limit=${BEYOND_DOUBLE}`,
    'limit[]=1',
    'limit[a]=1',
    'limit=1&limit=2',
    'limit=',
    'limit=0x10',
    'limit=-0',
    'limit=%ff',
  ),
  ...q(
    'page',
    'page=0',
    'page=-1',
    'page=abc',
    'page=1.5',
    `page=${HUGE}`,
    `page=${BEYOND_DOUBLE}`,
    'page[]=1',
    'page=1&page=2',
    'page=',
  ),
  ...q('sort', 'sort[a]=b', 'sort=,,,', 'sort=-', 'sort=--createdAt', 'sort=%00', 'sort=created At', 'sort='),
  ...q(
    'where',
    'where=abc',
    'where[]=1',
    'where[createdAt]=x',
    'where[createdAt][noSuchOperator]=x',
    'where[1bad][equals]=x',
    'where[or]=x',
    'where[or][0]=x',
    'where[and][0][or]=x',
    'where[or][0][createdAt]=x',
    'where[createdAt][equals][a][b]=x',
    'where[createdAt][equals]=a&where[createdAt][equals]=b',
    'where[id][in][a]=1',
    'where[createdAt][greater_than]=not-a-date',
    'where[createdAt][less_than][]=1',
    'where[createdAt][equals]=99999-99-99',
    `where[createdAt][greater_than]=${HUGE}`,
    'where[createdAt][in]=2026-01-01,not-a-date',
    'where%5BcreatedAt%5D%5Bequals%5D=%',
    'where[createdAt][near]=1,2',
    'where[createdAt][within]=x',
    'where[createdAt][intersects]=x',
    'where[createdAt][all]=2026-01-01',
    'where[id][near]=1,2,3',
    'where[createdAt][like][]=a',
    'where[createdAt][contains][a]=b',
    'where[createdAt][exists]=maybe',
    'where[a][b][c][d][e][f][g][h][i][j]=x',
    'where[and][0][and][0][and][0][and][0][and][0][or][0][createdAt][equals]=x',
  ),
  ...q('select', 'select=abc', 'select[]=createdAt', 'select[createdAt]=maybe', 'select[createdAt][a]=yes'),
  ...q('populate', 'populate=abc', 'populate[]=stores', 'populate[stores]=x', 'populate[stores][name]=maybe'),
  ...q('joins', 'joins=abc', 'joins[]=1', 'joins[a][limit]=x', 'joins[a][where]=x'),
  ...q('draft', 'draft=maybe', 'draft[]=true'),
  ...q('trash', 'trash=maybe', 'trash[]=1'),
  ...q('pagination', 'pagination=maybe', 'pagination[]=false'),
  ...q('locale', 'locale[]=ja', 'fallback-locale[]=ja', 'fallbackLocale[a]=ja'),
]

/**
 * Odd but well-formed queries Payload answers itself: unknown fields in sort, select and populate are ignored, an
 * unknown where path is refused with 400, an ID that names nothing finds nothing, stray escapes are left as text.
 * They must never answer 5xx.
 */
export const ODD_REST_QUERIES: readonly MalformedQuery[] = [
  ...q(
    'sort',
    'sort=noSuchField',
    'sort=-noSuchField',
    'sort=store.name',
    'sort=-author.email',
    'sort=store.noSuchField',
    'sort[]=createdAt',
    'sort=a.b.c.d.e.f.g',
  ),
  ...q(
    'where',
    'where[noSuchField][equals]=x',
    'where[store.name][equals]=x',
    'where[store.noSuchField][equals]=x',
    'where[author.password][exists]=true',
    'where[id][equals]=not-an-id',
    'where[id][in]=a,b,c',
    'where[createdAt][in]=',
    'where[title][equals]=%E0%A4%A',
    'where[_status][in]=x',
  ),
  ...q('select', 'select[noSuchField]=true', 'select[store][noSuchField]=true'),
  ...q('populate', 'populate[noSuchCollection][name]=true', 'populate[stores][noSuchField]=true'),
  ...q('%', '%', '%zz', '%00=1'),
]

/** A GraphQL list query with every argument from a variable; `plural` is the collection's plural GraphQL name. */
const listQuery = (plural: string, singular: string) =>
  `query($limit: Int, $page: Int, $sort: String, $where: ${singular}_where) { ${plural}(limit: $limit, page: $page, sort: $sort, where: $where) { docs { id } } }`

export type GraphqlVariablesCase = { label: string; query: string; variables: Record<string, unknown> }

/** Variables of the wrong type or shape, or asking for an unbounded list: each must be answered 4xx. */
export const malformedGraphqlVariables = (plural: string, singular: string): GraphqlVariablesCase[] => {
  const query = listQuery(plural, singular)
  return [
    { label: 'limit as a string', query, variables: { limit: 'abc' } },
    { label: 'limit past Int', query, variables: { limit: 2 ** 40 } },
    { label: 'limit as a float', query, variables: { limit: 1.5 } },
    { label: 'limit negative (unbounded)', query, variables: { limit: -1 } },
    { label: 'page as an object', query, variables: { page: { a: 1 } } },
    { label: 'sort as a number', query, variables: { sort: 5 } },
    { label: 'where as a string', query, variables: { where: 'abc' } },
    { label: 'where with an unknown field', query, variables: { where: { noSuchField: { equals: 1 } } } },
    {
      label: 'where with a date that is none',
      query,
      variables: { where: { createdAt: { greater_than: 'not-a-date' } } },
    },
  ]
}

/** Odd but well-typed variables Payload answers itself: never 5xx. */
export const oddGraphqlVariables = (plural: string, singular: string): GraphqlVariablesCase[] => {
  const query = listQuery(plural, singular)
  return [
    { label: 'page zero', query, variables: { page: 0 } },
    { label: 'sort of an unknown field', query, variables: { sort: 'noSuchField' } },
    { label: 'where id not an id', query, variables: { where: { id: { equals: 'not-an-id' } } } },
    { label: 'where OR as one object', query, variables: { where: { OR: { id: { exists: true } } } } },
    { label: 'a variable nobody declared', query, variables: { noSuchVariable: 1 } },
  ]
}
