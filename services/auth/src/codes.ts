import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Smallest accepted code key, bytes (HMAC-SHA256 key as long as its output). */
export const MIN_CODE_KEY_BYTES = 32;

/**
 * A new 6-digit code, uniformly drawn from the CSPRNG (`crypto.randomInt` rejects modulo bias),
 * zero-padded: `"004217"`. OWASP ASVS 5.0 V6.5.x (random, single use, limited lifetime).
 */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * HMAC-SHA256 (base64url) of a code bound to its audience and address, under the server-side
 * code key. The binding means a code stolen from one audience's record cannot be replayed for
 * another audience or address, and the table alone (without the key) does not give the code away
 * to a 10^6 brute force. Input framing: `portico:email-code:v1\n<audienceId>\n<email>\n<code>`
 * (no field can contain a newline: ids are base62, emails are validated).
 */
export function codeHmac(key: Buffer, audienceId: string, email: string, code: string): string {
  return createHmac('sha256', key)
    .update(`portico:email-code:v1\n${audienceId}\n${email}\n${code}`)
    .digest('base64url');
}

/** Constant-time comparison of two base64url HMACs (crypto.timingSafeEqual). */
export function sameHmac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  return x.length === y.length && timingSafeEqual(x, y);
}
