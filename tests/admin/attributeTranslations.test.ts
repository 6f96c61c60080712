import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { japaneseLockDate, translateAttribute } from '../../src/lib/attributeTranslations'
import { PROJECT_ROOT } from '../../src/lib/paths'

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/

/** The client bundles the admin loads from Payload's packages. */
const CLIENT_BUNDLES = [
  'node_modules/@payloadcms/ui/dist/exports/client/index.js',
  ...readdirSync(path.join(PROJECT_ROOT, 'node_modules/@payloadcms/richtext-lexical/dist/exports/client'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `node_modules/@payloadcms/richtext-lexical/dist/exports/client/${file}`),
]

/** Every aria-label and title written as an English literal in those bundles; one ending in a space gets a name after it. */
const literalAttributes = (): string[] => {
  const found = new Set<string>()
  for (const bundle of CLIENT_BUNDLES) {
    const source = readFileSync(path.join(PROJECT_ROOT, bundle), 'utf8')
    for (const [, , value] of source.matchAll(/"(aria-label|title)":"([A-Za-z][^"]*)"/g))
      found.add(value.endsWith(' ') ? `${value}iPhone 8` : value)
  }
  return [...found]
}

describe('aria-labels and tooltips written in English by the admin packages', () => {
  it('are found in the installed bundles (the scan still sees them)', () => {
    expect(literalAttributes()).toContain('Drag to move')
  })

  it('each read in Japanese in the Japanese admin', () => {
    expect(literalAttributes().filter((value) => !JAPANESE.test(translateAttribute(value)))).toEqual([])
  })

  it('keep the name they carry, and other values pass unchanged', () => {
    expect(translateAttribute('Remove iPhone 8')).toBe('「iPhone 8」を外す')
    expect(translateAttribute('Notifications alt+T')).toBe('通知 alt+T')
    expect(translateAttribute('保存')).toBe('保存')
  })
})

describe('the date of the lock notice, written in US English by the admin package', () => {
  it('reads as every other date of the admin, in JST', () => {
    const usEnglish = new Intl.DateTimeFormat('en-US', {
      day: 'numeric',
      hour: 'numeric',
      hour12: true,
      minute: 'numeric',
      month: 'short',
      year: 'numeric',
    })
    expect(japaneseLockDate(usEnglish.format(new Date('2026-12-02T04:42:00Z')))).toBe('2026/12/02 13:42')
  })

  it('leaves any other text as it is', () => {
    expect(japaneseLockDate('佐賀 花子')).toBe('佐賀 花子')
  })
})
