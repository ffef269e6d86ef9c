import { randomBytes } from 'node:crypto';

/**
 * The one registry of id prefixes. Ids are `<prefix>_` + 9 base62 characters of creation time
 * (milliseconds since the epoch, so ids of one kind sort by creation) + 16 base62 characters of
 * CSPRNG randomness (~95 bits). Example: `srv_0Q5vR2kLm7xYb3Cd9Ef1Gh2Jk`.
 */
export const ID_PREFIXES = {
  org: 'org',
  server: 'srv',
  version: 'ver',
  apiKey: 'key',
  authEvent: 'evt',
  oauthClient: 'cli',
  refreshFamily: 'rtf',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// ASCII order, so fixed-width base62 strings sort like the numbers they encode.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TIME_CHARS = 9;
const RANDOM_CHARS = 16;
const ID_PATTERN = /^[a-z]{3}_[0-9A-Za-z]{25}$/;

function encode(n: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** A new id of `kind`, e.g. `newId('server')` -> `srv_...` (29 characters). */
export function newId(kind: IdKind, now: number = Date.now()): string {
  let random = 0n;
  for (const b of randomBytes(12)) random = (random << 8n) | BigInt(b);
  return `${ID_PREFIXES[kind]}_${encode(BigInt(now), TIME_CHARS)}${encode(random, RANDOM_CHARS)}`;
}

/** True when `id` has the shape of an id of `kind` (no I/O; use before a lookup). */
export function isId(kind: IdKind, id: string): boolean {
  return ID_PATTERN.test(id) && id.startsWith(`${ID_PREFIXES[kind]}_`);
}
