import type { SanitizedConfig } from 'payload'

import { beforeAll, describe, expect, it } from 'vitest'

import { forEachShownField } from '../helpers/shownFields'

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/

/**
 * Fields the admin shows with no label of their own: Payload then labels them from their name in English (Email,
 * Api Key) whatever the language.
 */
const unlabelledShownFields = (config: SanitizedConfig): string[] => {
  const found: string[] = []
  forEachShownField(config, (field, path) => {
    // Rows, collapsibles and tabs have no name; a ui field shows a component, not a label.
    if (!('name' in field) || field.type === 'ui') return
    const label = 'label' in field ? field.label : undefined
    // A plain string label is the one Payload makes from the name when none is given (toWords: "Api Key").
    const madeFromName = label === undefined || (typeof label === 'string' && !JAPANESE.test(label))
    if (madeFromName) found.push(`${path} (${field.type}: ${String(label)})`)
  })
  return found
}

describe('field labels in the admin', () => {
  let unlabelled: string[]

  beforeAll(async () => {
    const { default: config } = await import('../../payload.config')
    unlabelled = unlabelledShownFields(await config)
  })

  it('every field the admin shows has a label of its own, never one made from its name', () => {
    expect(unlabelled).toEqual([])
  })
})
