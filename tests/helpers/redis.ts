import { type ChildProcess, spawn } from 'node:child_process'
import { connect } from 'node:net'

import { freePort } from './instance'

/** A throwaway Redis (Debian's redis-server) on a free port, keeping nothing on disk. Missing, the suite fails. */
export const startRedis = async (): Promise<{ process: ChildProcess; url: string }> => {
  const port = await freePort()
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`redis-server could not start (${error.message}): apt-get install redis-server`)),
    )
    server.once('spawn', () => resolve())
  })
  const url = `redis://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  while (!(await portAnswers(port))) {
    if (Date.now() > deadline) throw new Error('redis-server did not listen within 10 s')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { process: server, url }
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
