import { S3 } from '@aws-sdk/client-s3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

/** s3rver's built-in account: it checks every request's signature against this key. */
const ACCESS_KEY = 'S3RVER'

export type S3Peer = {
  bucket: string
  endpoint: string
  /** The S3_* environment that points the CMS at this peer. */
  env: Record<string, string>
  /** Every object key in the bucket, sorted. */
  keys: () => Promise<string[]>
  /** An object's bytes, downloaded as any S3 client does. */
  object: (key: string) => Promise<Buffer>
  stop: () => Promise<void>
}

/**
 * A real S3 API (s3rver) on loopback, on a port the OS picks, keeping its objects in a temporary folder: the CMS
 * talks to it through the official adapter exactly as to AWS, MinIO or R2 (signed requests, path-style addresses).
 */
export const startS3Peer = async ({ bucket = 'cms-media' } = {}): Promise<S3Peer> => {
  const directory = mkdtempSync(path.join(tmpdir(), 'cms-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const env = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: ACCESS_KEY,
    S3_FORCE_PATH_STYLE: 'true',
  }
  const client = new S3({
    endpoint,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  })
  return {
    bucket,
    endpoint,
    env,
    keys: async () => {
      const keys: string[] = []
      let ContinuationToken: string | undefined
      do {
        const page = await client.listObjectsV2({ Bucket: bucket, ContinuationToken })
        keys.push(...(page.Contents ?? []).map(({ Key }) => Key!))
        ContinuationToken = page.NextContinuationToken
      } while (ContinuationToken)
      return keys.sort()
    },
    object: async (key) =>
      Buffer.from(await (await client.getObject({ Bucket: bucket, Key: key })).Body!.transformToByteArray()),
    stop: async () => {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
