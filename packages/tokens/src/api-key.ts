import { createHash, randomBytes } from 'node:crypto';

/**
 * Portico API keys: `ptk_` + 22 base62 characters of randomness (128 bits from the CSPRNG, plus
 * padding bits) + 6 base62 characters of checksum (the first 32 bits of SHA-256 over prefix and
 * random part). The checksum lets the gateway reject a mistyped or forged-looking key without a
 * database read. Only the SHA-256 of the whole key is stored.
 */
export const API_KEY_PREFIX = 'ptk_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 22;
const CHECKSUM_CHARS = 6;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

function toBase62(bytes: Uint8Array, length: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < length; i++) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

function checksum(body: string): string {
  return toBase62(createHash('sha256').update(body).digest().subarray(0, 4), CHECKSUM_CHARS);
}

/** A freshly minted key: show `key` once, store only `hash` and `hint`. */
export interface MintedApiKey {
  key: string;
  /** SHA-256 of the key, lowercase hex (64 chars). */
  hash: string;
  /** Safe to display later: prefix and the last 4 characters, e.g. `ptk_…a1B2`. */
  hint: string;
}

/** Mints a new API key from 17 CSPRNG bytes (>= 128 bits survive the base62 cut to 22 chars). */
export function mintApiKey(): MintedApiKey {
  const body = API_KEY_PREFIX + toBase62(randomBytes(17), RANDOM_CHARS);
  const key = body + checksum(body);
  return { key, hash: hashApiKey(key), hint: apiKeyHint(key) };
}

/** True when `key` has the `ptk_` shape and its checksum matches. Constant work, no I/O. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(0, key.length - CHECKSUM_CHARS);
  return checksum(body) === key.slice(-CHECKSUM_CHARS);
}

/** SHA-256 of the key as lowercase hex: the only form in which keys are stored or looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Display hint for a key: `ptk_…` + last 4 characters. */
export function apiKeyHint(key: string): string {
  return `${API_KEY_PREFIX}…${key.slice(-4)}`;
}
