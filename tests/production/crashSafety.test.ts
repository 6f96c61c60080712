import { type Client, createClient } from '@libsql/client'
import { spawn } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { PROJECT_ROOT } from '../../src/lib/paths'
import { REPAIR_MENUS } from '../../src/lib/repairMenus'
import { httpClient } from '../helpers/http'
import { pngImage, uploadForm } from '../helpers/images'
import { type Instance, startInstance } from '../helpers/instance'

/**
 * kill -9 in the middle of a burst of writes, then a restart on the same data folder: what was answered 2xx is
 * there as answered, nothing is half-written, no media file lies without its document after the start's clean-up,
 * and the audit log tells the same story as the data. Three rounds, each killed at another moment of its burst.
 */

const ROUNDS = 3
const WRITES = 50
/** The start-up clean-up only moves files older than this (MEDIA_ORPHAN_MIN_AGE_MINUTES' default). */
const ORPHAN_MIN_AGE_MINUTES = 10
/** Sizes every upload gets whatever its dimensions (the hero never enlarges a small picture, so it may be absent). */
const ALWAYS_MADE_SIZES = ['thumbnail', 'card', 'social']
/** The kill comes up to this long after the answer that triggers it. */
const KILL_JITTER_MS = 250

const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-crash-'))
const mediaDir = path.join(dataDir, 'media')
const orphansDir = path.join(mediaDir, '.orphans')
const admin = { email: 'admin@example.com', password: randomBytes(18).toString('base64url') }
const env = {
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  SEED_ADMIN_EMAIL: admin.email,
  SEED_ADMIN_PASSWORD: admin.password,
}

type Collection = 'articles' | 'repair-logs' | 'media' | 'prices'
type Write = {
  index: number
  collection: Collection
  mark: string
  sent: Record<string, any>
  send: (token: string) => Promise<Response>
}
type Outcome = { write: Write; status?: number; doc?: Record<string, any> }
type Figures = {
  round: number
  killedAfter: number
  acknowledged: number
  foundAfterRestart: number
  lost: number
  unansweredButSaved: number
  halfWritten: number
  orphanFilesMoved: number
}

let instance: Instance | undefined
let scene: { store: string; device: string; photos: string[] }
const figures: Figures[] = []

const idOf = (value: unknown) =>
  value && typeof value === 'object' ? String((value as { id: unknown }).id) : String(value)

const signIn = () => httpClient((instance as Instance).baseUrl).login(admin.email, admin.password)

const writesOfRound = async (round: number): Promise<Write[]> =>
  Promise.all(
    Array.from({ length: WRITES }, async (_, index): Promise<Write> => {
      const mark = `crash-r${round}-${String(index).padStart(2, '0')}`
      const status = index % 3 === 0 ? 'draft' : 'published'
      const body = plainTextToLexical([
        [`本文 ${mark}`],
        ['画面が割れたiPhoneをお預かりしました。', '当日お渡しです。'],
      ])
      const post = (collection: Collection, sent: Record<string, any>): Write => ({
        index,
        collection,
        mark,
        sent,
        send: (token) =>
          httpClient((instance as Instance).baseUrl).request(`/api/${collection}`, {
            method: 'POST',
            token,
            json: sent,
          }),
      })
      switch (index % 5) {
        case 0:
          return post('articles', {
            title: mark,
            store: scene.store,
            category: 'news',
            body,
            heroImage: scene.photos[index % 2],
            seo: { title: mark },
            _status: status,
          })
        case 1:
        case 4:
          return post('repair-logs', {
            title: mark,
            store: scene.store,
            device: scene.device,
            repairMenu: 'screen',
            symptom: `症状 ${mark}`,
            body,
            beforePhotos: [scene.photos[0], scene.photos[1]],
            afterPhotos: index % 2 ? [scene.photos[1]] : [],
            _status: status,
          })
        case 2: {
          const image = await pngImage(320 + index, 240 + round)
          return {
            index,
            collection: 'media',
            mark,
            sent: { alt: mark },
            send: (token) =>
              httpClient((instance as Instance).baseUrl).request('/api/media', {
                method: 'POST',
                token,
                body: uploadForm(image, `${mark}.png`, 'image/png', { alt: mark }),
              }),
          }
        }
        default:
          return post('prices', {
            device: scene.device,
            repairMenu: REPAIR_MENUS[index % REPAIR_MENUS.length]?.value,
            priceYen: 10_000 + round * 100 + index,
            validFrom: '2027-04-01T00:00:00.000Z',
            notes: mark,
            _status: status,
          })
      }
    }),
  )

/** Sends every write at once and kills the server with SIGKILL shortly after `killAfter` of them are answered. */
const burstKilledAfter = async (writes: Write[], token: string, killAfter: number): Promise<Outcome[]> => {
  const server = instance as Instance
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  let answered = 0
  const outcomes = await Promise.all(
    writes.map(async (write): Promise<Outcome> => {
      try {
        const response = await write.send(token)
        // A moment after that answer, so the kill lands anywhere in the work in progress, not only between answers.
        if (++answered === killAfter) setTimeout(() => server.child.kill('SIGKILL'), randomInt(KILL_JITTER_MS))
        const body = await response.json().catch(() => undefined)
        return { write, status: response.status, doc: body?.doc }
      } catch {
        return { write }
      }
    }),
  )
  await exited
  return outcomes
}

/** Every stored file name of a media row: the original and each size that was made. */
const filesOfMediaRow = (row: Record<string, unknown>): string[] =>
  Object.entries(row)
    .filter(([column, value]) => /^(sizes_[a-z]+_)?filename$/.test(column) && typeof value === 'string')
    .map(([, value]) => value as string)

const rowsOf = async (database: Client, sql: string, ...args: string[]) =>
  (await database.execute({ sql, args })).rows as unknown as Record<string, any>[]

const byMark = <T extends Record<string, any>>(rows: T[], column: string) =>
  new Map(rows.map((row) => [String(row[column]), row]))

beforeAll(async () => {
  instance = await startInstance({ dataDir, env })
  const token = await signIn()
  const { request } = httpClient(instance.baseUrl)
  const [stores, devices] = await Promise.all(
    ['stores', 'devices'].map(
      async (collection) => (await (await request(`/api/${collection}?limit=1&depth=0`, { token })).json()).docs,
    ),
  )
  const photos = await Promise.all(
    ['before', 'after'].map(async (name) => {
      const response = await request('/api/media', {
        method: 'POST',
        token,
        body: uploadForm(await pngImage(), `${name}.png`, 'image/png', { alt: name }),
      })
      const { doc, errors } = await response.json()
      if (!doc) throw new Error(`the photo ${name} was refused: ${response.status} ${JSON.stringify(errors)}`)
      return doc.id as string
    }),
  )
  scene = { store: stores[0].id, device: devices[0].id, photos }
}, 240_000)

afterAll(async () => {
  await instance?.stop()
  console.info(`kill -9 during ${WRITES} concurrent writes, per round:\n${JSON.stringify(figures, null, 1)}`)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a server killed with SIGKILL in the middle of concurrent writes', () => {
  for (let round = 1; round <= ROUNDS; round += 1) {
    it(`round ${round}: restarts intact, keeps every answered write whole, and its audit log agrees with the data`, async () => {
      const writes = await writesOfRound(round)
      // Early, middle and late in the burst, at a random answer within that third.
      const killAfter = 1 + (round - 1) * 15 + randomInt(15)
      const roundStarted = new Date().toISOString()
      const outcomes = await burstKilledAfter(writes, await signIn(), killAfter)
      const answered = outcomes.filter((outcome) => outcome.status !== undefined)
      expect(
        answered
          .filter(({ status }) => (status as number) >= 300)
          .map(({ write, status }) => `${write.mark}: ${status}`),
      ).toEqual([])
      const acknowledged = answered.filter(({ doc }) => doc?.id)

      // Time passes beyond the clean-up's minimum age for every file written so far; a file an upload on another
      // instance is writing right now is young, and must stay.
      const anHourAgo = new Date(Date.now() - (ORPHAN_MIN_AGE_MINUTES + 1) * 60_000)
      for (const name of readdirSync(mediaDir))
        if (name !== '.orphans') utimesSync(path.join(mediaDir, name), anHourAgo, anHourAgo)
      const inFlightElsewhere = `in-flight-elsewhere-r${round}.webp`
      writeFileSync(path.join(mediaDir, inFlightElsewhere), 'not yet named by a document')
      const quarantinedBefore = existsSync(orphansDir) ? readdirSync(orphansDir).length : 0

      instance = await startInstance({ dataDir, env })
      const database = createClient({ url: `file:${path.join(dataDir, 'cms.db')}` })
      try {
        expect((await database.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok')
        const like = `crash-r${round}-%`
        const articles = byMark(await rowsOf(database, 'SELECT * FROM articles WHERE title LIKE ?', like), 'title')
        const repairLogs = byMark(await rowsOf(database, 'SELECT * FROM repair_logs WHERE title LIKE ?', like), 'title')
        const prices = byMark(await rowsOf(database, 'SELECT * FROM prices WHERE notes LIKE ?', like), 'notes')
        const media = byMark(await rowsOf(database, 'SELECT * FROM media WHERE alt LIKE ?', like), 'alt')
        const stored: Record<Collection, Map<string, Record<string, any>>> = {
          articles,
          'repair-logs': repairLogs,
          prices,
          media,
        }
        const photoRows = await rowsOf(
          database,
          'SELECT parent_id, path, media_id FROM repair_logs_rels ORDER BY parent_id, path, "order"',
        )
        const photosOf = (id: string, field: string) =>
          photoRows.filter((row) => row.parent_id === id && row.path === field).map((row) => row.media_id)
        const versionParents = new Set(
          (
            await rowsOf(
              database,
              'SELECT parent_id FROM _articles_v UNION SELECT parent_id FROM _repair_logs_v UNION SELECT parent_id FROM _prices_v',
            )
          ).map((row) => row.parent_id),
        )

        // Every write answered 2xx is there, as it was answered.
        const lost = acknowledged
          .filter(({ write, doc }) => stored[write.collection].get(write.mark)?.id !== doc?.id)
          .map(({ write }) => write.mark)
        expect(lost).toEqual([])
        for (const { write, doc } of acknowledged) {
          const row = stored[write.collection].get(write.mark) as Record<string, any>
          if (write.collection === 'media')
            expect(filesOfMediaRow(row).sort(), write.mark).toEqual(
              filesOfMediaRow({
                filename: doc?.filename,
                ...Object.fromEntries(
                  Object.entries(doc?.sizes ?? {}).map(([size, file]) => [
                    `sizes_${size}_filename`,
                    (file as { filename?: string }).filename,
                  ]),
                ),
              }).sort(),
            )
          else expect(row._status, write.mark).toBe(doc?._status)
          if (write.collection === 'prices') expect(row.price_yen, write.mark).toBe(doc?.priceYen)
          if (write.collection === 'repair-logs')
            expect(photosOf(row.id, 'beforePhotos'), write.mark).toEqual((doc?.beforePhotos ?? []).map(idOf))
        }

        // Nothing is half-written, answered or not: every stored row carries all that was sent with it.
        const halfWritten: string[] = []
        const expectWhole = (write: Write, whole: boolean, what: string) =>
          whole || halfWritten.push(`${write.mark}: ${what}`)
        for (const write of writes) {
          const row = stored[write.collection].get(write.mark)
          if (!row) continue
          if (write.collection === 'media') {
            const files = filesOfMediaRow(row)
            expectWhole(
              write,
              ALWAYS_MADE_SIZES.every((size) => typeof row[`sizes_${size}_filename`] === 'string'),
              'a size without its file name',
            )
            for (const file of files)
              expectWhole(write, existsSync(path.join(mediaDir, file)), `${file} missing on disk`)
            continue
          }
          expectWhole(write, versionParents.has(row.id), 'no version row')
          expectWhole(write, row._status === write.sent._status, `status ${row._status}`)
          if (write.collection !== 'prices')
            expectWhole(write, JSON.stringify(JSON.parse(row.body)) === JSON.stringify(write.sent.body), 'another body')
          if (write.collection === 'repair-logs') {
            expectWhole(
              write,
              JSON.stringify(photosOf(row.id, 'beforePhotos')) === JSON.stringify(write.sent.beforePhotos),
              'before photos',
            )
            expectWhole(
              write,
              JSON.stringify(photosOf(row.id, 'afterPhotos')) === JSON.stringify(write.sent.afterPhotos),
              'after photos',
            )
          }
        }
        expect(halfWritten).toEqual([])

        // After the start's clean-up every file in the media folder is named by a media document, except the one
        // another instance is still writing.
        const named = new Set((await rowsOf(database, 'SELECT * FROM media')).flatMap(filesOfMediaRow))
        const inFolder = readdirSync(mediaDir, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
        expect(inFolder).toContain(inFlightElsewhere)
        expect(inFolder.filter((name) => !named.has(name) && name !== inFlightElsewhere)).toEqual([])
        rmSync(path.join(mediaDir, inFlightElsewhere))

        // The audit log records publishing: each published post or price of the burst has its one entry, and
        // no entry of the burst names a write the data does not hold as published.
        const subjectOf = (write: Write) => `${write.collection}/${stored[write.collection].get(write.mark)?.id}`
        const published = writes
          .filter(
            (write) =>
              write.collection !== 'media' && stored[write.collection].get(write.mark)?._status === 'published',
          )
          .map(subjectOf)
        const audited = (
          await rowsOf(
            database,
            "SELECT subject FROM audit_log WHERE event = 'publish' AND created_at >= ?",
            roundStarted,
          )
        ).map((row) => row.subject)
        expect(audited.sort()).toEqual(published.sort())

        const found = acknowledged.length - lost.length
        figures.push({
          round,
          killedAfter: killAfter,
          acknowledged: acknowledged.length,
          foundAfterRestart: found,
          lost: lost.length,
          unansweredButSaved: writes.filter((write) => stored[write.collection].has(write.mark)).length - found,
          halfWritten: halfWritten.length,
          orphanFilesMoved: (existsSync(orphansDir) ? readdirSync(orphansDir).length : 0) - quarantinedBefore,
        })
      } finally {
        database.close()
      }
    }, 300_000)
  }
})

describe('a process killed right after the first row of a write reaches the database', () => {
  it('keeps none of that write (no row, no version, no audit entry) and every write completed before it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cms-killed-mid-write-'))
    const note = 'killed right after its first row'
    try {
      const child = spawn(
        process.execPath,
        ['--conditions=production', '--import', 'tsx', 'tests/helpers/killedMidWrite.ts', note],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATA_DIR: folder, PAYLOAD_SECRET: randomBytes(32).toString('hex') },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      )
      expect(await new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)))).toBe('SIGKILL')
      const database = createClient({ url: `file:${path.join(folder, 'cms.db')}` })
      try {
        expect((await database.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok')
        const count = async (sql: string) => Number((await database.execute({ sql, args: [] })).rows[0]?.[0])
        expect(await count('SELECT count(*) FROM devices')).toBe(1)
        expect({
          prices: await count(`SELECT count(*) FROM prices WHERE notes = '${note}'`),
          versions: await count(`SELECT count(*) FROM _prices_v WHERE version_notes = '${note}'`),
          auditEntries: await count("SELECT count(*) FROM audit_log WHERE subject LIKE 'prices/%'"),
        }).toEqual({ prices: 0, versions: 0, auditEntries: 0 })
      } finally {
        database.close()
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)
})
