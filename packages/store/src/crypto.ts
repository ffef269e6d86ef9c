import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PorticoError } from '@portico/contracts';

/** Length of the key-encryption key (AES-256): 32 bytes. */
export const KEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed secret as stored: AES-256-GCM, version 1. All parts are raw bytes. */
export interface SealedSecret {
  v: 1;
  alg: 'A256GCM';
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

function assertKek(kek: Buffer): void {
  if (kek.length !== KEK_BYTES) throw new Error(`key-encryption key must be ${KEK_BYTES} bytes`);
}

/**
 * Loads the 32-byte key-encryption key from `path`, creating it (CSPRNG, file mode 0600, parent
 * folder 0700) when absent. The file holds the key in base64 on one line; a raw 32-byte file is
 * accepted too. Creation uses `wx`, so two processes racing at boot end up with the same key.
 * Throws a plain Error when the file exists but does not hold a 32-byte key (a deployment bug).
 */
export async function loadOrCreateKek(path: string): Promise<Buffer> {
  try {
    return parseKek(await readFile(path), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const kek = randomBytes(KEK_BYTES);
  try {
    await writeFile(path, `${kek.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return kek;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return parseKek(await readFile(path), path);
  }
}

function parseKek(content: Buffer, path: string): Buffer {
  if (content.length === KEK_BYTES) return content;
  const decoded = Buffer.from(content.toString('utf8').trim(), 'base64');
  if (decoded.length !== KEK_BYTES) {
    throw new Error(`${path} does not hold a ${KEK_BYTES}-byte key (base64 or raw)`);
  }
  return decoded;
}

/**
 * Encrypts `plaintext` with AES-256-GCM under `kek`, with a fresh random 96-bit IV (NIST SP 800-38D
 * section 8.2.2) and `aad` as additional authenticated data: a sealed secret only opens with the
 * same AAD, so it cannot be copied to another tenant's item.
 */
export function seal(kek: Buffer, plaintext: string, aad: string): SealedSecret {
  assertKek(kek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, alg: 'A256GCM', iv, ciphertext, tag: cipher.getAuthTag() };
}

/**
 * Decrypts a sealed secret. Throws PorticoError('INTERNAL') when authentication fails (wrong key,
 * wrong AAD, tampered bytes); the message never contains secret material.
 */
export function open(kek: Buffer, sealed: SealedSecret, aad: string): string {
  assertKek(kek);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag));
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new PorticoError('INTERNAL', 'stored secret failed authentication');
  }
}
