import type { FieldAccess, Payload } from 'payload'

type FieldLike = { access?: { read?: FieldAccess }; fields?: FieldLike[]; tabs?: FieldLike[]; blocks?: FieldLike[] }

const hardened = new WeakSet<object>()

/** Rules that judge the reader alone, never a document: the same answer with no document, so they stay as written. */
const readerOnly = new WeakSet<FieldAccess>()

/** Marks a field-level read rule that looks at the reader only (signed in or not), so where and sort keep it. */
export const judgesReaderOnly = (rule: FieldAccess): FieldAccess => {
  readerOnly.add(rule)
  return rule
}

/**
 * A field-level read rule is asked with no document when Payload checks a `where` or `sort` path (query
 * validation) and builds permissions; a rule written for a document, such as Payload's own "the account itself
 * reads its sessions" (`user?.id === doc?.id`), then answers true to an anonymous reader (undefined === undefined),
 * and `where[author.sessions.id][like]=…` tests a session ID one character at a time. A field that names a read
 * rule is not public by definition: without a document to judge, it is refused.
 */
const needsDocument =
  (read: FieldAccess): FieldAccess =>
  (args) =>
    args.doc === undefined ? false : read(args)

const hardenFields = (fields: FieldLike[] | undefined): void => {
  for (const field of fields ?? []) {
    if (field.access?.read && !hardened.has(field.access) && !readerOnly.has(field.access.read)) {
      field.access.read = needsDocument(field.access.read)
      hardened.add(field.access)
    }
    hardenFields(field.fields)
    hardenFields(field.tabs)
    hardenFields(field.blocks)
  }
}

/** onInit: every field-level read rule of every collection (Payload's auth fields included) needs the document. */
export const fieldReadNeedsDocument = (payload: Payload): void => {
  for (const { config } of Object.values(payload.collections)) {
    hardenFields(config.fields as FieldLike[])
    hardenFields(config.flattenedFields as FieldLike[])
  }
}
