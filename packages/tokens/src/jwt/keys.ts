import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import type { EcPublicJwk, StoredSigningKey } from './key-store.js';
import type { Sealer } from './sealer.js';
import { type PublishedJwk, SIGNING_ALG } from './types.js';

/** The AAD a private key is sealed under: purpose + kid, so a sealed key cannot be swapped. */
export function signingKeyAad(kid: string): string {
  return `portico/signing-key/${kid}`;
}

/**
 * Generates an ES256 key pair (P-256, RFC 7518 section 3.4) and returns its storable record:
 * kid = RFC 7638 thumbprint of the public JWK (SHA-256), private JWK sealed by `sealer`.
 * `createdAt` and `activatesAt` are epoch milliseconds.
 */
export async function generateSigningKey(input: {
  sealer: Sealer;
  createdAt: number;
  activatesAt: number;
}): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const pub = await exportJWK(publicKey);
  const publicJwk = toEcPublicJwk(pub);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    alg: SIGNING_ALG,
    publicJwk,
    sealedPrivateJwk: await input.sealer.seal(JSON.stringify(privateJwk), signingKeyAad(kid)),
    createdAt: input.createdAt,
    activatesAt: input.activatesAt,
  };
}

/** The JWKS entry of a key (RFC 7517 section 4): public parameters, `kid`, `alg`, `use: sig`. */
export function publishedJwk(key: StoredSigningKey): PublishedJwk {
  return { ...key.publicJwk, kid: key.kid, alg: SIGNING_ALG, use: 'sig' };
}

/** Imports the public key of a record for verification. */
export async function importPublicKey(key: StoredSigningKey): Promise<CryptoKey> {
  return (await importJWK({ ...key.publicJwk }, SIGNING_ALG)) as CryptoKey;
}

/**
 * Opens and imports the private key of a record as a non-extractable CryptoKey. Checks that the
 * opened key's public part matches `kid`, so a record cannot pair one kid with another's secret.
 * Throws PorticoError('INTERNAL') (from the sealer) or a plain Error on a corrupt record.
 */
export async function importPrivateKey(key: StoredSigningKey, sealer: Sealer): Promise<CryptoKey> {
  const jwk = JSON.parse(await sealer.open(key.sealedPrivateJwk, signingKeyAad(key.kid))) as JWK;
  const thumbprint = await calculateJwkThumbprint(toEcPublicJwk(jwk), 'sha256');
  if (typeof jwk.d !== 'string' || thumbprint !== key.kid) {
    throw new Error(`signing key ${key.kid} does not match its sealed private key`);
  }
  return (await importJWK(jwk, SIGNING_ALG, { extractable: false })) as CryptoKey;
}

function toEcPublicJwk(jwk: JWK): EcPublicJwk {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('expected an EC P-256 JWK');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
