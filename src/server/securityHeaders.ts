import type { RequestHandler, Response } from 'express'
import type { ServerResponse } from 'node:http'

import helmet from 'helmet'
import { randomBytes } from 'node:crypto'

/** The nonce of this response's scripts: 128 random bits, new on every request. */
const nonceOf = (res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce as string}'`

/**
 * Security headers on every response, through helmet. No page of this origin may run inline script: script-src
 * allows our own files and, for the inline scripts the Next.js admin writes, one nonce made per request and never
 * 'unsafe-inline'. Next.js (App Router) reads the nonce from the request's Content-Security-Policy header and puts
 * it on its scripts, so the policy is also handed to Next as that request header (overwriting any the client sent).
 * Development adds eval and a websocket for reloads. Styles stay inline-capable: the admin's components set them.
 */
export const securityHeaders = ({ production }: { production: boolean }): RequestHandler => {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: production ? ["'self'"] : ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: production
          ? ["'self'", (_req, res) => nonceOf(res)]
          : ["'self'", (_req, res) => nonceOf(res), "'unsafe-eval'"],
        // Event-handler attributes (onclick="…") never run, nonce or not.
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // Shop sites on other origins embed our images and read our JSON.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    headers(req, res, (error?: unknown) => {
      if (error) return next(error)
      req.headers['content-security-policy'] = String(res.getHeader('content-security-policy'))
      next()
    })
  }
}

/**
 * The policy of a page we write ourselves and that carries no script at all (the post preview): nothing runs,
 * whatever a stored body holds, and there is no nonce in the page for injected markup to borrow.
 */
export const SCRIPT_FREE_POLICY = [
  "default-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "img-src 'self' data: blob:",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
].join(';')
