import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  createAesGcmSealer,
  createFileKeyStore,
  createTokenService,
  type KeyStore,
  type Sealer,
  type SignInput,
  TokenError,
  type TokenErrorReason,
  type TokenService,
  type TokenServiceOptions,
} from '../src/index.js';

export const ISSUER = 'https://portico.test/auth';
export const SERVER_A = 'https://portico.test/s/acme/mcp';
export const SERVER_B = 'https://portico.test/s/globex/mcp';
export const START = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A clock the test moves by hand: epoch ms. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = START): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A real file key store in a fresh temporary folder, its sealer and a service over them. */
export interface Setup {
  dir: string;
  keyFile: string;
  keyStore: KeyStore;
  sealer: Sealer;
  clock: ManualClock;
  service: TokenService;
  /** Another service (another replica) on the same file, clock and sealer. */
  replica(options?: Partial<TokenServiceOptions>): TokenService;
  cleanup(): Promise<void>;
}

export async function setup(options: Partial<TokenServiceOptions> = {}): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-tokens-'));
  const keyFile = join(dir, '.portico', 'signing-keys.json');
  const keyStore = createFileKeyStore(keyFile);
  const sealer = createAesGcmSealer(randomBytes(32));
  const clock = manualClock();
  const replica = (extra: Partial<TokenServiceOptions> = {}): TokenService =>
    createTokenService({ keyStore, sealer, issuer: ISSUER, now: clock.now, ...options, ...extra });
  const service = replica();
  return {
    dir,
    keyFile,
    keyStore,
    sealer,
    clock,
    service,
    replica,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A valid MCP access token request for SERVER_A, 5 minutes. */
export function accessToken(overrides: Partial<SignInput> = {}): SignInput {
  return {
    typ: 'at+jwt',
    sub: 'user_123',
    aud: SERVER_A,
    scope: 'tools:call',
    clientId: 'client_abc',
    orgId: 'org_acme',
    lifetimeSeconds: 300,
    ...overrides,
  };
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a compact JWS by hand with an HMAC-SHA256 signature over `secret` (or none). */
export function handMadeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret?: Uint8Array | string,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (secret === undefined) return `${input}.`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Asserts that `promise` rejects with a TokenError of the given reason. */
export async function expectRejected(
  promise: Promise<unknown>,
  reason: TokenErrorReason,
): Promise<TokenError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a TokenError ${reason}`).toBeInstanceOf(TokenError);
  expect((err as TokenError).reason).toBe(reason);
  return err as TokenError;
}
