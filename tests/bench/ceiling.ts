/**
 * The ceiling of a read: a plain node:http server that sends the very bytes the CMS sent (status, headers, body,
 * captured by the bench into the JSON file named by the first argument) to every request. Run in a process of its own,
 * pinned like the CMS, it answers as fast as Node can on this machine. Prints "listening <port>" when ready.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

type Captured = { status: number; headers: Record<string, string>; bodyBase64: string }

const captured = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Captured
const body = Buffer.from(captured.bodyBase64, 'base64')

const server = createServer((req, res) => {
  // The body may arrive (a GraphQL POST): read it, as the CMS does, before answering.
  req.resume()
  req.on('end', () => {
    res.writeHead(captured.status, captured.headers)
    res.end(captured.status === 304 || req.method === 'HEAD' ? undefined : body)
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
