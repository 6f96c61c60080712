import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'))
const isPayloadPackage = (name: string) => name === 'payload' || name.startsWith('@payloadcms/')

const manifest = readJson('package.json')
const declared: Record<string, string> = { ...manifest.dependencies, ...manifest.devDependencies }
const payloadVersion: string = declared.payload

/** Payload refuses to start with mixed versions of its packages; this catches it at test time, and a loose pin too. */
describe('one Payload version everywhere', () => {
  it('pins payload at an exact version', () => {
    expect(payloadVersion).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('pins every @payloadcms package in package.json at that same exact version', () => {
    const pins = Object.entries(declared).filter(([name]) => isPayloadPackage(name))
    expect(pins.length).toBeGreaterThan(5)
    expect(Object.fromEntries(pins)).toEqual(Object.fromEntries(pins.map(([name]) => [name, payloadVersion])))
  })

  it('locks every Payload package in package-lock.json, nested ones included, at that version', () => {
    const lock = readJson('package-lock.json')
    const locked = Object.entries(lock.packages as Record<string, { version?: string }>)
      .filter(([key]) => isPayloadPackage(key.replace(/^.*node_modules\//, '')) && key.includes('node_modules/'))
      .map(([key, entry]) => [key, entry.version])
    expect(locked.length).toBeGreaterThan(5)
    expect(Object.fromEntries(locked)).toEqual(Object.fromEntries(locked.map(([key]) => [key, payloadVersion])))
  })

  it('has that version installed for every Payload package in node_modules', () => {
    const scoped = readdirSync(path.join(ROOT, 'node_modules/@payloadcms')).map((name) => `@payloadcms/${name}`)
    const installed = ['payload', ...scoped].map((name) => [
      name,
      readJson(`node_modules/${name}/package.json`).version,
    ])
    expect(Object.fromEntries(installed)).toEqual(Object.fromEntries(installed.map(([name]) => [name, payloadVersion])))
  })
})
