import type { CollectionBeforeChangeHook, FieldHook, PayloadRequest, TextareaField } from 'payload'

import type { RichText } from '../lib/lexicalText'

import { type Bilingual, label } from '../lib/i18n'
import { type RenderedBody, renderBody } from '../lib/richText/renderedBody'

const HTML = 'bodyHtml'
const TEXT = 'bodyText'

/**
 * Stores the body as HTML and plain text with every save (drafts and published versions each carry their own), so
 * frontends that are not React get both with the document and list reads do no rendering. Whatever a client sends
 * for these fields is replaced.
 */
export const renderBodyOnSave: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const body = (data.body ?? originalDoc?.body) as RichText | undefined
  const { html, text } = await renderBody(body, req)
  return { ...data, [HTML]: html, [TEXT]: text }
}

/** A document saved before these fields existed renders them from the body when read: a select of them reads it. */
export const RENDERED_BODY_SOURCES = { [HTML]: ['body'], [TEXT]: ['body'] }

/** One rendering per body and request, shared by both fields of a document read without them. */
const renderedOnRead = new WeakMap<object, Promise<RenderedBody>>()
const renderOnce = (body: RichText, req: PayloadRequest) => {
  const known = renderedOnRead.get(body)
  if (known) return known
  const rendering = renderBody(body, req)
  renderedOnRead.set(body, rendering)
  return rendering
}

/** A document saved before these fields existed has none stored: rendered when read, until its next save stores them. */
const renderWhenMissing =
  (part: keyof RenderedBody): FieldHook =>
  async ({ value, siblingData, req }) => {
    if (typeof value === 'string') return value
    const body = siblingData?.body as RichText | undefined
    if (!body || typeof body !== 'object') return value
    return (await renderOnce(body, req))[part]
  }

const renderedField = (name: string, part: keyof RenderedBody, fieldLabel: Bilingual): TextareaField => ({
  name,
  type: 'textarea',
  label: fieldLabel,
  // Made from the body by the server; staff edit the body.
  admin: { hidden: true },
  hooks: { afterRead: [renderWhenMissing(part)] },
})

/** The body as HTML (escaped, script-free) and as plain text, beside the body of every post. */
export const renderedBodyFields = (): TextareaField[] => [
  renderedField(HTML, 'html', label('本文（HTML）', 'Body (HTML)')),
  renderedField(TEXT, 'text', label('本文（テキスト）', 'Body (plain text)')),
]
