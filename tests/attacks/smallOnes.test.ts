/**
 * Small ones (issue 9): secrets at rest readable by other accounts of the machine, and a first start that a refused
 * seed password leaves half done. Each case replays what an operator or another local account meets.
 */
import type { CollectionSlug, Payload } from 'payload'

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { devices as seedDevices } from '../../seed/data/devices'
import { outboxAdapter } from '../../src/lib/email/outboxAdapter'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { prepareDatabase } from '../../src/startup/prepareDatabase'
import { startPayload, type TestPayload } from '../helpers/payload'

/** The permission bits of a path, as `ls` shows them in octal. */
const modeOf = (target: string) => (fs.statSync(target).mode & 0o777).toString(8)

/** Every path under data/ that holds a secret and exists: the folder, its files, the outbox and its mails. */
const secretPaths = (dataDir: string) => {
  const inside = (folder: string) =>
    fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : []
  const outbox = path.join(dataDir, 'outbox')
  return [dataDir, ...inside(dataDir).filter((file) => fs.statSync(file).isFile()), outbox, ...inside(outbox)].filter(
    (file) => fs.existsSync(file),
  )
}

/** What `ls -l` would show another account: each path with its mode. */
const modes = (dataDir: string) =>
  Object.fromEntries(secretPaths(dataDir).map((file) => [path.relative(path.dirname(dataDir), file), modeOf(file)]))
const ownerOnly = (dataDir: string) =>
  Object.fromEntries(
    secretPaths(dataDir).map((file) => [
      path.relative(path.dirname(dataDir), file),
      fs.statSync(file).isDirectory() ? '700' : '600',
    ]),
  )

/**
 * The database step of a start, as `npm start` runs it (src/main.ts: load the config, getPayload, prepareDatabase),
 * in a process of its own on the embedded defaults: data/cms.db, a generated session key, data/outbox.
 */
const startWithDataIn = (dataDir: string) => {
  const script = `
    const { getPayload } = await import('payload')
    const { default: config } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'payload.config.ts'))})
    const { prepareDatabase } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'src/startup/prepareDatabase.ts'))})
    const payload = await getPayload({ config })
    await prepareDatabase(payload)
    process.exit(0)
  `
  const {
    DATABASE_URI: _uri,
    PAYLOAD_SECRET: _secret,
    MAIL_OUTBOX_DIR: _outbox,
    MEDIA_DIR: _media,
    ...environment
  } = process.env
  const started = spawnSync(
    process.execPath,
    ['--conditions=production', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: PROJECT_ROOT,
      env: { ...environment, DATA_DIR: dataDir, LOG_LEVEL: 'info', JOBS_AUTORUN: 'false' },
      encoding: 'utf8',
      timeout: 170_000,
    },
  )
  expect(started.status, started.stderr).toBe(0)
  return started.stdout
}

describe('the embedded database and the other secrets under data/', { timeout: 360_000 }, () => {
  let root: string
  let dataDir: string
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(tmpdir(), 'cms-modes-'))
    dataDir = path.join(root, 'data')
  })
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  it('are owner-only after a first start: another account cannot read the password hashes', () => {
    startWithDataIn(dataDir)
    expect(fs.existsSync(path.join(dataDir, 'cms.db'))).toBe(true)
    expect(modes(dataDir)).toEqual(ownerOnly(dataDir))
  })

  it('are narrowed on start when an existing install left them readable by everyone, with a line in the log', () => {
    // An install from before: folder 0755, database, its companions and the session key 0644, mails in the outbox 0644.
    fs.chmodSync(dataDir, 0o755)
    for (const file of secretPaths(dataDir).slice(1)) fs.chmodSync(file, 0o644)
    expect(fs.existsSync(path.join(dataDir, 'outbox'))).toBe(false)
    fs.mkdirSync(path.join(dataDir, 'outbox'), { mode: 0o755 })
    fs.chmodSync(path.join(dataDir, 'outbox'), 0o755)
    fs.writeFileSync(path.join(dataDir, 'outbox', 'old-mail.json'), '{"subject":"reset link"}', { mode: 0o644 })
    fs.chmodSync(path.join(dataDir, 'outbox', 'old-mail.json'), 0o644)
    expect(modeOf(path.join(dataDir, 'cms.db'))).toBe('644')

    const log = startWithDataIn(dataDir)

    expect(modes(dataDir)).toEqual(ownerOnly(dataDir))
    expect(log).toContain(`${path.join(dataDir, 'cms.db')} was open to other accounts (mode 0644)`)
    expect(log).toContain(`${path.join(dataDir, 'outbox', 'old-mail.json')} was open to other accounts`)
  })

  it('include every mail in a fresh outbox folder: a reset link there is the account', async () => {
    const outbox = path.join(root, 'fresh-outbox')
    const logger = { info: () => undefined }
    const adapter = outboxAdapter(outbox, { name: 'CMS', address: 'cms@example.com' })({
      payload: { logger } as unknown as Payload,
    })
    await adapter.sendEmail({
      to: 'staff@example.com',
      subject: 'パスワードの再設定',
      text: 'https://cms.example.jp/admin/reset/token',
    })
    const [mail] = fs.readdirSync(outbox)
    expect({ folder: modeOf(outbox), mail: modeOf(path.join(outbox, mail)) }).toEqual({ folder: '700', mail: '600' })
  })
})

const SEEDED: CollectionSlug[] = ['stores', 'devices', 'users', 'articles', 'repair-logs', 'campaigns', 'prices']

describe('a first start with a seed password the policy refuses', { timeout: 120_000 }, () => {
  let context: TestPayload
  let refusal: unknown
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        SEEDED.map(async (collection) => [
          collection,
          (await context.payload.count({ collection, overrideAccess: true })).totalDocs,
        ]),
      ),
    )

  beforeAll(async () => {
    context = await startPayload()
    for (const role of ['ADMIN', 'HQ', 'MANAGER', 'STAFF']) delete process.env[`SEED_${role}_PASSWORD`]
    delete process.env.SEED_ADMIN_EMAIL
    // A common password: long enough, but the policy refuses it for the staff accounts it would create.
    process.env.SEED_STAFF_PASSWORD = 'password1234'
    refusal = await prepareDatabase(context.payload).then(
      () => undefined,
      (error: unknown) => error,
    )
  })
  afterAll(async () => {
    delete process.env.SEED_STAFF_PASSWORD
    await context?.stop()
  })

  it('stops and says which variable breaks which rule, in Japanese and English', () => {
    expect(refusal).toBeInstanceOf(Error)
    const { message } = refusal as Error
    expect(message).toContain('SEED_STAFF_PASSWORD')
    expect(message).toContain('This password is common or easy to guess')
    expect(message).toContain('このパスワードはよく使われているか推測されやすい')
  })

  it('has written nothing: no store, device, account or post of the seed', async () => {
    expect(await counts()).toEqual(Object.fromEntries(SEEDED.map((collection) => [collection, 0])))
  })

  it('seeds fully on the next start once the password is fixed', async () => {
    process.env.SEED_STAFF_PASSWORD = 'a-staff-passphrase-from-the-environment'
    await prepareDatabase(context.payload)
    const seeded = await counts()
    expect(seeded).toMatchObject({
      stores: 2,
      devices: seedDevices.length,
      users: 6,
      articles: 1,
      'repair-logs': 3,
      campaigns: 4,
    })
    expect(seeded.prices).toBeGreaterThan(0)
    const { user } = await context.payload.login({
      collection: 'users',
      data: { email: 'staff.saga@example.com', password: 'a-staff-passphrase-from-the-environment' },
    })
    expect(user?.role).toBe('staff')
  })
})
