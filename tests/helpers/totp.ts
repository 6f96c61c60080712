import { Secret, TOTP } from 'otpauth'

/** The code an authenticator app shows for `secret` at `timestamp` (RFC 6238 defaults, as the QR code says). */
export const totpCode = (secret: string, timestamp = Date.now()): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp })
