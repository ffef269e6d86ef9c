import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PorticoError } from '@portico/contracts';

/**
 * Encrypts secrets at rest under a key-encryption key. The sealed form is an opaque string so the
 * same KeyStore record fits a local AES key (createAesGcmSealer) or a KMS-backed sealer in AWS.
 * `aad` binds the ciphertext to its purpose and owner: a sealed value opens only with the same AAD.
 */
export interface Sealer {
  seal(plaintext: string, aad: string): Promise<string>;
  /** Throws when the sealed value fails authentication (wrong key, wrong AAD, tampered). */
  open(sealed: string, aad: string): Promise<string>;
}

const KEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1.A256GCM.';

/**
 * A Sealer doing AES-256-GCM with a 32-byte KEK (the same scheme as @portico/store's crypto.ts):
 * a fresh random 96-bit IV per seal (NIST SP 800-38D section 8.2.2), 128-bit tag.
 * Sealed form: `v1.A256GCM.<iv>.<ciphertext>.<tag>`, each part base64url.
 * Throws a plain Error when `kek` is not 32 bytes (a deployment bug); `open` throws
 * PorticoError('INTERNAL') on authentication failure, never echoing secret material.
 */
export function createAesGcmSealer(kek: Uint8Array): Sealer {
  if (kek.length !== KEK_BYTES) throw new Error(`key-encryption key must be ${KEK_BYTES} bytes`);
  const key = Buffer.from(kek);
  return {
    async seal(plaintext: string, aad: string): Promise<string> {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return PREFIX + parts.join('.');
    },
    async open(sealed: string, aad: string): Promise<string> {
      try {
        if (!sealed.startsWith(PREFIX)) throw new Error('unknown sealed format');
        const [iv, ciphertext, tag, extra] = sealed
          .slice(PREFIX.length)
          .split('.')
          .map((part) => Buffer.from(part, 'base64url'));
        if (!iv || !ciphertext || !tag || extra) throw new Error('malformed sealed value');
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new PorticoError('INTERNAL', 'sealed signing key failed authentication');
      }
    },
  };
}
