import Database from 'libsql'
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as tar from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Manifest } from '../../src/operations/backup/manifest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { createBackup } from '../../src/operations/backup/createBackup'
import { restoreBackup } from '../../src/operations/backup/restoreBackup'
import { httpClient } from '../helpers/http'
import { pngImage, uploadForm } from '../helpers/images'
import { type Instance, startInstance } from '../helpers/instance'

/**
 * `npm run backup` against a real server process that keeps writing articles and uploading photos while the backup
 * runs, then `npm run restore` (and its function) on what it wrote: what the operator's commands promise.
 */

const folders = {
  live: fs.mkdtempSync(path.join(tmpdir(), 'cms-backup-live-')),
  restored: fs.mkdtempSync(path.join(tmpdir(), 'cms-backup-restored-')),
  work: fs.mkdtempSync(path.join(tmpdir(), 'cms-backup-work-')),
}
const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
const env = {
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  SEED_ADMIN_EMAIL: admin.email,
  SEED_ADMIN_PASSWORD: admin.password,
}
const archive = path.join(folders.work, 'during-writes.tar.gz')
const restoredDatabase = path.join(folders.restored, 'cms.db')

type Acknowledged = { kind: 'articles' | 'media'; id: string; filename?: string; title?: string }

let live: Instance
/** Writes the server answered 2xx before the backup command was started, and those answered while it ran. */
const before: Acknowledged[] = []
const during: Acknowledged[] = []
let backupRun: CommandRun

type CommandRun = { code: number | null; stdout: string; stderr: string }

/** One of the operator commands as npm runs it, on a data folder, in a process of its own. */
const runCommand = (command: 'backup' | 'restore', argument: string, dataDir: string) =>
  new Promise<CommandRun>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=production', '--import', 'tsx', `src/operations/backup/${command}Command.ts`, argument],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env, DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')

const manifestOf = async (file: string): Promise<Manifest> => {
  const folder = fs.mkdtempSync(path.join(folders.work, 'manifest-'))
  await tar.extract({ file, cwd: folder, strict: true })
  return JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'))
}

/** Every file of a folder with its inode and size: what "nothing was replaced" compares. */
const listing = (folder: string) =>
  fs
    .readdirSync(folder)
    .sort()
    .map((name) => {
      const stats = fs.statSync(path.join(folder, name))
      return `${name} ${stats.ino} ${stats.size}`
    })

/**
 * Until stopped: published articles one after another, and a photo upload alongside, each recorded once the server
 * answered it; the writes are the product's own (REST, as the admin), so the backup meets real transactions.
 */
const startWriting = (baseUrl: string, token: string, store: string, acknowledged: (write: Acknowledged) => void) => {
  const { request } = httpClient(baseUrl)
  let writing = true
  const articles = (async () => {
    for (let index = 0; writing; index += 1) {
      const title = `バックアップ中の書き込み ${index}`
      const response = await request('/api/articles', {
        method: 'POST',
        token,
        json: { title, store, body: plainTextToLexical([[`本文 ${index}`]]), _status: 'published' },
      })
      if (response.status !== 201) throw new Error(`article ${index}: ${response.status} ${await response.text()}`)
      acknowledged({ kind: 'articles', id: (await response.json()).doc.id, title })
    }
  })()
  const photos = (async () => {
    for (let index = 0; writing; index += 1) {
      const form = uploadForm(await pngImage(64 + index, 48), `backup-${index}.png`, 'image/png', {
        alt: `写真 ${index}`,
      })
      const response = await request('/api/media', { method: 'POST', token, body: form })
      if (response.status !== 201) throw new Error(`photo ${index}: ${response.status} ${await response.text()}`)
      const { doc } = await response.json()
      acknowledged({ kind: 'media', id: doc.id, filename: doc.filename })
    }
  })()
  return async () => {
    writing = false
    await Promise.all([articles, photos])
  }
}

beforeAll(async () => {
  live = await startInstance({ dataDir: folders.live, env })
  const token = await httpClient(live.baseUrl).login(admin.email, admin.password)
  const { docs: stores } = await (await httpClient(live.baseUrl).request('/api/stores?limit=1&depth=0')).json()
  let backupStarted = false
  const stopWriting = startWriting(live.baseUrl, token, stores[0].id, (write) =>
    (backupStarted ? during : before).push(write),
  )
  while (before.filter(({ kind }) => kind === 'media').length < 2 || before.length < 6)
    await new Promise((resolve) => setTimeout(resolve, 20))
  backupStarted = true
  backupRun = await runCommand('backup', archive, folders.live)
  await stopWriting()
}, 300_000)

afterAll(async () => {
  await live?.stop()
  for (const folder of Object.values(folders)) fs.rmSync(folder, { recursive: true, force: true })
})

describe('npm run backup while the server writes', () => {
  it('writes one owner-only archive and names it on stdout, while writes kept being answered', () => {
    expect(backupRun.code, backupRun.stderr).toBe(0)
    expect(backupRun.stdout.trim()).toBe(archive)
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600)
    expect(backupRun.stderr).toMatch(/2\/5 database: snapshot/)
    // The test means something only if the server was writing while the backup ran.
    expect(during.length).toBeGreaterThan(0)
  })

  it('restores to a database that passes PRAGMA integrity_check and holds every write acknowledged before the backup began', async () => {
    const progress: string[] = []
    const result = await restoreBackup(
      archive,
      { databaseFile: restoredDatabase, mediaDirectory: path.join(folders.restored, 'media') },
      (line) => progress.push(line),
    )
    expect(result.manifest.missingMedia).toEqual([])
    expect(progress.join('\n')).toMatch(/files match the manifest/)

    const database = new Database(restoredDatabase)
    try {
      expect(database.prepare('PRAGMA integrity_check').raw().all()).toEqual([['ok']])
      for (const write of before) {
        expect(
          database.prepare(`SELECT id FROM ${write.kind} WHERE id = ?`).raw().all(write.id),
          `${write.kind} ${write.id}`,
        ).toEqual([[write.id]])
      }
      // Every media document restored has every one of its files in the restored folder.
      const files = database
        .prepare('SELECT filename, sizes_thumbnail_filename, sizes_card_filename FROM media')
        .raw()
        .all() as string[][]
      expect(files.length).toBeGreaterThanOrEqual(2)
      for (const name of files.flat())
        expect(fs.existsSync(path.join(folders.restored, 'media', name)), name).toBe(true)
      // Media stay readable by whatever serves them (the archive is unpacked in an owner-only folder first).
      expect(fs.statSync(path.join(folders.restored, 'media')).mode & 0o777).toBe(0o755)
    } finally {
      database.close()
    }
  })

  it('archives the media files byte for byte as the server stored them, each matching its manifest checksum', async () => {
    const folder = fs.mkdtempSync(path.join(folders.work, 'unpacked-'))
    await tar.extract({ file: archive, cwd: folder, strict: true })
    const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'))
    const media = manifest.entries.filter((entry) => entry.path.startsWith('media/'))
    const uploadedBefore = before.filter(({ kind }) => kind === 'media').map(({ filename }) => `media/${filename}`)
    expect(media.map((entry) => entry.path)).toEqual(expect.arrayContaining(uploadedBefore))
    for (const entry of media) {
      expect(sha256(path.join(folder, entry.path)), entry.path).toBe(entry.sha256)
      expect(sha256(path.join(folders.live, entry.path)), entry.path).toBe(entry.sha256)
    }
    expect(manifest.payloadVersion).toMatch(/^\d+\.\d+\.\d+$/)
    expect(manifest.migrations.last).toMatch(/^\d{8}_\d{6}_/)
    expect(manifest.collections.articles).toBeGreaterThanOrEqual(
      before.filter(({ kind }) => kind === 'articles').length,
    )
  })
})

describe('npm run restore refuses what it cannot bring back whole', () => {
  it('refuses while a server runs on the data folder, and replaces nothing', async () => {
    const untouched = listing(folders.live)
    const run = await runCommand('restore', archive, folders.live)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/A server is using .*cms\.db/)
    expect(listing(folders.live)).toEqual(untouched)
  }, 120_000)

  const refusedInto = async (damaged: string) => {
    const target = fs.mkdtempSync(path.join(folders.work, 'target-'))
    fs.writeFileSync(path.join(target, 'cms.db'), 'the data an operator wanted to replace')
    fs.mkdirSync(path.join(target, 'media'))
    const untouched = listing(target)
    const refusal = restoreBackup(
      damaged,
      { databaseFile: path.join(target, 'cms.db'), mediaDirectory: path.join(target, 'media') },
      () => {},
    )
    await expect(refusal).rejects.toThrow()
    expect(listing(target)).toEqual(untouched)
    return refusal.catch((error: Error) => error.message)
  }

  it('refuses an archive with one byte flipped, and replaces nothing', async () => {
    const bytes = fs.readFileSync(archive)
    const offset = Math.floor(bytes.length / 2)
    bytes[offset] = (bytes[offset] as number) ^ 0xff
    const damaged = path.join(folders.work, 'flipped.tar.gz')
    fs.writeFileSync(damaged, bytes)
    expect(await refusedInto(damaged)).toMatch(/archive|manifest|SHA-256|integrity/)
  })

  it('refuses an archive cut short, and replaces nothing', async () => {
    const truncated = path.join(folders.work, 'truncated.tar.gz')
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, Math.floor(fs.statSync(archive).size * 0.6)))
    expect(await refusedInto(truncated)).toMatch(
      /cannot be read as a backup archive|missing from the archive|no manifest/,
    )
  })

  it('refuses a well-formed archive whose photo was altered, naming the file', async () => {
    const folder = fs.mkdtempSync(path.join(folders.work, 'altered-'))
    await tar.extract({ file: archive, cwd: folder, strict: true })
    const photo = (await manifestOf(archive)).entries.find((entry) => entry.path.startsWith('media/'))?.path as string
    const bytes = fs.readFileSync(path.join(folder, photo))
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01
    fs.writeFileSync(path.join(folder, photo), bytes)
    const altered = path.join(folders.work, 'altered.tar.gz')
    await tar.create({ gzip: true, cwd: folder, file: altered }, fs.readdirSync(folder))
    expect(await refusedInto(altered)).toBe(
      `${photo} does not match its SHA-256 in the manifest: the archive is damaged or was altered`,
    )
  })
})

describe('a server started on restored data', () => {
  it('serves the restored articles and photos', async () => {
    expect(fs.existsSync(restoredDatabase)).toBe(true)
    const restored = await startInstance({ dataDir: folders.restored, env })
    try {
      const { request } = httpClient(restored.baseUrl)
      const article = before.find(({ kind }) => kind === 'articles') as Acknowledged
      const answer = await request(`/api/articles/${article.id}?depth=0`)
      expect(answer.status).toBe(200)
      expect((await answer.json()).title).toBe(article.title)
      const photo = before.find(({ kind }) => kind === 'media') as Acknowledged
      const file = await request(`/api/media/file/${photo.filename}`)
      expect(file.status).toBe(200)
      expect(
        createHash('sha256')
          .update(Buffer.from(await file.arrayBuffer()))
          .digest('hex'),
      ).toBe(sha256(path.join(folders.live, 'media', photo.filename as string)))
    } finally {
      expect(await restored.stop()).toBe(0)
    }
  }, 240_000)
})

describe('npm run backup when a photo is gone from the media folder', () => {
  it('still writes the archive, says which document lost which file, and lists it in the manifest', async () => {
    const photo = before.find(({ kind }) => kind === 'media') as Acknowledged
    fs.rmSync(path.join(folders.restored, 'media', photo.filename as string))
    const progress: string[] = []
    const { manifest } = await createBackup(
      { databaseFile: restoredDatabase, mediaDirectory: path.join(folders.restored, 'media') },
      path.join(folders.work, 'missing-photo.tar.gz'),
      (line) => progress.push(line),
    )
    expect(manifest.missingMedia).toEqual([{ id: photo.id, filename: photo.filename }])
    expect(progress.join('\n')).toContain(`WARNING: media document ${photo.id} names ${photo.filename}`)
    expect(manifest.entries.map((entry) => entry.path)).not.toContain(`media/${photo.filename}`)
  })
})
