import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PUBLISH_DELAY_SECONDS,
  RETIREMENT_MARGIN_SECONDS,
  rotateSigningKeys,
  type VerifyOptions,
} from '../src/index.js';
import { accessToken, expectRejected, SERVER_A, type Setup, setup } from './helpers.js';

const AT_A: VerifyOptions = { typ: 'at+jwt', audience: SERVER_A };
const SECOND = 1000;
const DELAY = DEFAULT_PUBLISH_DELAY_SECONDS * SECOND;

describe('signing key rotation: publish, then sign, then retire', () => {
  let s: Setup;
  let oldKid: string;
  beforeEach(async () => {
    s = await setup();
    oldKid = (await s.service.ensureKey()).kid;
  });
  afterEach(() => s.cleanup());

  const kidOf = async (): Promise<string | undefined> =>
    decodeProtectedHeader(await s.service.sign(accessToken())).kid;
  const jwksKids = async (): Promise<string[]> => (await s.service.jwks()).keys.map((k) => k.kid);

  it('publishes a new key in the JWKS before it signs anything', async () => {
    const { kid: newKid, activatesAt } = await s.service.rotate();
    expect(activatesAt).toBe(s.clock.now() + DELAY);
    expect(await jwksKids()).toEqual([newKid, oldKid]);
    expect(await kidOf()).toBe(oldKid);
    s.clock.advance(DELAY - SECOND);
    expect(await kidOf()).toBe(oldKid);
  });

  it('signs with the new key once it activates', async () => {
    const { kid: newKid } = await s.service.rotate();
    s.clock.advance(DELAY);
    expect(await kidOf()).toBe(newKid);
    const token = await s.service.sign(accessToken());
    await expect(s.service.verify(token, AT_A)).resolves.toMatchObject({ kid: newKid });
  });

  it("keeps verifying the old key's tokens until they expire, then retires the key", async () => {
    const { activatesAt, retiring } = await s.service.rotate();
    const retiresAt = activatesAt + (900 + RETIREMENT_MARGIN_SECONDS) * SECOND;
    expect(retiring).toEqual([{ kid: oldKid, retiresAt }]);

    s.clock.advance(DELAY - SECOND); // the last moment the old key signs
    const lastOldToken = await s.service.sign(accessToken({ lifetimeSeconds: 900 }));
    expect(decodeProtectedHeader(lastOldToken).kid).toBe(oldKid);

    s.clock.advance(900 * SECOND - SECOND); // new key active for ~15 min; old token still valid
    await expect(s.service.verify(lastOldToken, AT_A)).resolves.toMatchObject({ kid: oldKid });
    expect(await jwksKids()).toContain(oldKid);

    s.clock.advance(retiresAt - s.clock.now() - 1);
    expect(await jwksKids()).toContain(oldKid);
    s.clock.advance(1);
    expect(await jwksKids()).not.toContain(oldKid);
    await expectRejected(s.service.verify(lastOldToken, AT_A), 'TOKEN_UNKNOWN_KEY');
  });

  it('keeps tokens signed from a stale cached key list valid until they expire', async () => {
    const other = s.replica();
    await other.jwks(); // the replica caches [old] for up to 30 s
    const hasty = s.replica({ publishDelaySeconds: 10 });
    const { kid: newKid, retiring } = await hasty.rotate();

    s.clock.advance(25 * SECOND); // new key active for 15 s, the replica's cache is 25 s old
    const stale = await other.sign(accessToken({ lifetimeSeconds: 900 }));
    expect(decodeProtectedHeader(stale).kid).toBe(oldKid);
    expect(decodeProtectedHeader(await hasty.sign(accessToken())).kid).toBe(newKid);

    const exp = s.clock.now() + 900 * SECOND;
    expect(retiring[0]?.retiresAt).toBeGreaterThan(exp);
    s.clock.advance(899 * SECOND);
    await expect(s.service.verify(stale, AT_A)).resolves.toMatchObject({ kid: oldKid });
  });

  it('lets a replica that cached the key list verify tokens of a key it has not seen', async () => {
    const other = s.replica();
    await other.verify(await s.service.sign(accessToken()), AT_A); // caches [old]
    const urgent = s.replica({ publishDelaySeconds: 0 });
    const { kid: newKid } = await urgent.rotate();
    s.clock.advance(6 * SECOND);
    const token = await urgent.sign(accessToken());
    expect(decodeProtectedHeader(token).kid).toBe(newKid);
    await expect(other.verify(token, AT_A)).resolves.toMatchObject({ kid: newKid });
  });

  it('retires every key that stops signing across back-to-back rotations', async () => {
    const first = await s.service.rotate();
    s.clock.advance(60 * SECOND);
    const second = await s.service.rotate();
    expect(second.retiring.map((r) => r.kid)).toEqual([first.kid]);
    s.clock.advance(DELAY);
    expect(await kidOf()).toBe(second.kid);
    const stored = await s.keyStore.list();
    expect(stored).toHaveLength(3);
    expect(stored.filter((k) => k.retiresAt === undefined).map((k) => k.kid)).toEqual([second.kid]);
  });

  it('rotates from a script (rotateSigningKeys) and the running service follows', async () => {
    await s.service.jwks();
    const result = await rotateSigningKeys({
      keyStore: s.keyStore,
      sealer: s.sealer,
      now: s.clock.now,
    });
    expect(result.activatesAt).toBe(s.clock.now() + DELAY);
    s.clock.advance(DELAY);
    expect(await kidOf()).toBe(result.kid);
  });

  it('makes the first key active at once when rotating an empty store', async () => {
    const fresh = await setup();
    try {
      const { kid, activatesAt, retiring } = await fresh.service.rotate();
      expect(activatesAt).toBe(fresh.clock.now());
      expect(retiring).toEqual([]);
      const token = await fresh.service.sign(accessToken());
      expect(decodeProtectedHeader(token).kid).toBe(kid);
    } finally {
      await fresh.cleanup();
    }
  });

  it('refuses to sign before any key exists', async () => {
    const fresh = await setup();
    try {
      await expectRejected(fresh.service.sign(accessToken()), 'NO_SIGNING_KEY');
    } finally {
      await fresh.cleanup();
    }
  });
});
