import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { declaredVariables, EnvironmentError, parseEnvironment } from '../../src/lib/env'
import { PROJECT_ROOT } from '../../src/lib/paths'

/** The variables the README's environment table names: every `NAME` in a row's first cell. */
const readmeVariables = (): string[] => {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8')
  const section = readme.slice(
    readme.indexOf('\n## Environment\n'),
    readme.indexOf('\n## ', readme.indexOf('\n## Environment\n') + 1),
  )
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]))
}

const sourceFiles = (folder: string): string[] =>
  readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('node_modules'))
    .map((file) => path.join(folder, file))

/**
 * Where the code may still name process.env: the environment module itself, and handing the whole environment to a
 * child process (a build the server starts must see every variable the server was given).
 */
const allowedUse = (file: string, line: string): boolean =>
  file === path.join('src', 'lib', 'env.ts') ||
  (file === path.join('src', 'server', 'nextBuild.ts') && line.includes('env: { ...process.env'))

describe('the environment module', () => {
  it('declares each variable the README documents, and the README documents each one', () => {
    const declared = declaredVariables().map(({ name }) => name)
    const documented = readmeVariables()
    expect(declared.filter((name) => !documented.includes(name))).toEqual([])
    expect(documented.filter((name) => !(declared as string[]).includes(name))).toEqual([])
    for (const { name, description } of declaredVariables()) expect(description, name).not.toBe('')
  })

  it('is the only reader of process.env in the application', () => {
    const files = [...['src', 'collections', 'globals', 'seed'].flatMap(sourceFiles), 'payload.config.ts'].filter(
      (file) => !file.endsWith('payload-types.ts'),
    )
    const readers = files.flatMap((file) =>
      readFileSync(path.join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          line.includes('process.env') && !allowedUse(file, line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    )
    expect(readers).toEqual([])
  })

  it('gives every default for an empty environment, and takes an empty value as unset', () => {
    const defaults = parseEnvironment({})
    expect(defaults).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      API_RATE_LIMIT_PER_MINUTE: 600,
      RESPONSE_CACHE: true,
      RESPONSE_CACHE_MAX_MB: 64,
      JOBS_AUTORUN: true,
    })
    expect(defaults.METRICS_ALLOWED_ADDRESSES).toEqual(['loopback'])
    expect(parseEnvironment({ PORT: '', MAIL_FROM_ADDRESS: '' })).toMatchObject({
      PORT: 3000,
      MAIL_FROM_ADDRESS: 'no-reply@localhost',
    })
    expect(Object.isFrozen(defaults)).toBe(true)
  })

  it('parses each value into its setting', () => {
    const settings = parseEnvironment({
      TRUST_PROXY: '2',
      RESPONSE_CACHE: 'off',
      WEBHOOK_URLS: ' https://a.example.jp/hook ,, http://b:3000/x',
      LOCAL_DEFAULTS: 'true',
      JOBS_AUTORUN: 'false',
    })
    expect(settings).toMatchObject({ TRUST_PROXY: 2, RESPONSE_CACHE: false, LOCAL_DEFAULTS: true, JOBS_AUTORUN: false })
    expect(settings.WEBHOOK_URLS).toEqual(['https://a.example.jp/hook', 'http://b:3000/x'])
    expect(parseEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8')
  })

  it('reports every bad value at once, each with its variable', () => {
    const thrown = (() => {
      try {
        parseEnvironment({
          WEBHOOK_ATTEMPTS: 'ten',
          RESPONSE_CACHE_MAX_MB: '0',
          API_RATE_LIMIT_PER_MINUTE: '-1',
          CORS_ORIGINS: '*',
          METRICS_ALLOWED_ADDRESSES: 'not-an-address',
        })
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toBeInstanceOf(EnvironmentError)
    expect((thrown as EnvironmentError).problems).toEqual([
      'API_RATE_LIMIT_PER_MINUTE must be a whole number (0: off), not "-1"',
      'RESPONSE_CACHE_MAX_MB must be a positive whole number of megabytes, not "0"',
      expect.stringMatching(/^METRICS_ALLOWED_ADDRESSES must list addresses/),
      expect.stringMatching(/^CORS_ORIGINS: "\*" is not an origin/),
      'WEBHOOK_ATTEMPTS must be a positive whole number, not "ten"',
    ])
  })
})
