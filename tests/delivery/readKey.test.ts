import { describe, expect, it } from 'vitest'

import { anonymousReadKey, carriesCredential } from '../../src/delivery/anonymousRead'

const cookies = { sessionCookie: 'payload-token', languageCookie: 'payload-lng' }
const key = (method: string, url: string, headers: Record<string, string> = {}) =>
  anonymousReadKey(method, url, headers, cookies)

describe('which requests the response cache may answer, and under which key', () => {
  it('keys anonymous GET and HEAD under /api alike, whatever the order of their parameters', () => {
    expect(key('GET', '/api/articles?limit=10&sort=-publishedAt')).toBeDefined()
    expect(key('GET', '/api/articles?limit=10&sort=-publishedAt')).toBe(
      key('HEAD', '/api/articles?sort=-publishedAt&limit=10'),
    )
    expect(key('GET', '/api/articles?limit=10')).not.toBe(key('GET', '/api/articles?limit=11'))
  })

  it('answers nothing but reads under /api, and no route that acts', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'])
      expect(key(method, '/api/articles'), method).toBeUndefined()
    expect(key('GET', '/admin')).toBeUndefined()
    expect(key('GET', '/healthz')).toBeUndefined()
    expect(key('GET', '/api/payload-jobs/run')).toBeUndefined()
  })

  it('leaves out every request with a credential: any Authorization, or the session cookie', () => {
    for (const authorization of ['JWT abc', 'users API-Key abc', 'Bearer x', 'Basic eDp5', '']) {
      expect(key('GET', '/api/articles', { authorization }), authorization).toBeUndefined()
    }
    expect(key('GET', '/api/articles', { cookie: 'a=1; payload-token=abc' })).toBeUndefined()
    expect(carriesCredential({ cookie: 'theme=dark' }, 'payload-token')).toBe(false)
    expect(key('GET', '/api/articles', { cookie: 'theme=dark' })).toBe(key('GET', '/api/articles'))
  })

  it('keeps apart what the answer depends on: language (header and Payload cookie), and for GraphQL the accepted type', () => {
    expect(key('GET', '/api/articles', { 'accept-language': 'en' })).not.toBe(
      key('GET', '/api/articles', { 'accept-language': 'ja' }),
    )
    expect(key('GET', '/api/articles', { cookie: 'payload-lng=en' })).not.toBe(key('GET', '/api/articles'))
    expect(key('GET', '/api/articles', { accept: 'text/html' })).toBe(key('GET', '/api/articles'))
    const graphql = '/api/graphql?query=%7BStores%7BtotalDocs%7D%7D'
    expect(key('GET', graphql, { accept: 'application/graphql-response+json' })).not.toBe(
      key('GET', graphql, { accept: 'application/json' }),
    )
    expect(key('GET', graphql.replace('graphql', 'GraphQL'), { accept: 'a' })).not.toBe(
      key('GET', graphql.replace('graphql', 'GraphQL'), { accept: 'b' }),
    )
  })
})
