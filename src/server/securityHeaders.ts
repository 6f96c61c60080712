import type { RequestHandler } from 'express'

import helmet from 'helmet'

/**
 * Security headers on every response, through helmet. The CSP is one the Next.js admin works under:
 * its pages carry inline scripts and styles, and development adds eval and a websocket for reloads.
 */
export const securityHeaders = ({ production }: { production: boolean }): RequestHandler =>
  helmet({
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
        scriptSrc: production ? ["'self'", "'unsafe-inline'"] : ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
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
