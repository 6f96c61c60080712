import type { FieldHook, PayloadRequest, RichTextField } from 'payload'

import { ValidationError } from 'payload'
import { richText } from 'payload/shared'

import { type Bilingual, inRequestLanguage } from '../lib/i18n'
import { richTextProblem } from '../lib/richText/vocabulary'

/**
 * Refuses, with a 400 naming the field, a body the editor could not have made (src/lib/richText/vocabulary.ts).
 * A hook rather than only `validate`: Payload skips `validate` when a draft is saved, and drafts are what staff
 * send. It runs on every save, draft or not, over REST, GraphQL, the admin and the Local API alike, before
 * the editor's own hooks and the excerpt see the body.
 */
export const refuseWhatTheEditorCannotMake: FieldHook = ({ value, path, req, collection, global }) => {
  const problem = richTextProblem(value)
  if (problem) {
    throw new ValidationError(
      {
        collection: collection?.slug,
        global: global?.slug,
        errors: [{ path: path.join('.'), message: inRequestLanguage(problem, req) }],
        req,
      },
      req.t,
    )
  }
  return value
}

type RichTextValidate = NonNullable<RichTextField['validate']>

/** The same check where the admin's form asks (its field errors), then Payload's own (required, per-node checks). */
const validateBody: RichTextValidate = async (value, options) => {
  const problem: Bilingual | undefined = richTextProblem(value)
  if (problem) return inRequestLanguage(problem, options.req as PayloadRequest)
  return richText(value, options)
}

/** A rich-text field of a post: the editor's features, and nothing else, in every body stored. */
export const richTextField = ({
  name,
  label,
  required = false,
}: {
  name: string
  label: Bilingual
  required?: boolean
}): RichTextField => ({
  name,
  type: 'richText',
  label,
  required,
  validate: validateBody,
  hooks: { beforeValidate: [refuseWhatTheEditorCannotMake] },
})
