import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKek } from '@portico/store';
import { createAesGcmSealer, createFileKeyStore, createTokenService } from '@portico/tokens';
import { describe, expect, it } from 'vitest';
import { buildProgram, type Io, runSigningKeysList, runSigningKeysRotate } from '../src/index.js';

function capture(cwd: string): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, stdout, stderr };
}

const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const MIN = 60_000;

/** The local stack's view of the same files: the token service it builds at start. */
async function stackTokens(dataDir: string, now: number) {
  return createTokenService({
    keyStore: createFileKeyStore(join(dataDir, 'signing-keys.json')),
    sealer: createAesGcmSealer(await loadOrCreateKek(join(dataDir, 'kek.bin'))),
    issuer: 'http://127.0.0.1:4000',
    now: () => now,
    keyCacheSeconds: 0,
  });
}

async function kidOfSignedToken(dataDir: string, now: number): Promise<string | undefined> {
  const tokens = await stackTokens(dataDir, now);
  const jwt = await tokens.sign({
    typ: 'portico-session+jwt',
    sub: 'm',
    aud: 'http://127.0.0.1:4000/api/v1',
    lifetimeSeconds: 60,
  });
  const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8'));
  return header.kid;
}

describe('portico signing-keys rotate', () => {
  it('on an empty data directory creates the KEK and a key that signs at once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    const io = capture(cwd);
    expect(await runSigningKeysRotate({ json: true }, io, () => T0)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n'));
    expect(out).toEqual({
      kid: expect.any(String),
      activatesAt: '2026-11-22T10:00:00.000Z',
      retiring: [],
    });
    // Default data dir `.portico` under the user's directory; the KEK is private.
    expect(statSync(join(cwd, '.portico', 'kek.bin')).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(join(cwd, '.portico', 'signing-keys.json'), 'utf8'));
    expect(file.keys.map((k: { kid: string }) => k.kid)).toEqual([out.kid]);
    expect(await kidOfSignedToken(join(cwd, '.portico'), T0)).toBe(out.kid);
  });

  it('publishes the new key before it signs and keeps the old one until its last token expired', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    const dataDir = join(cwd, 'data');
    const first = capture(cwd);
    expect(await runSigningKeysRotate({ dataDir: 'data', json: true }, first, () => T0)).toBe(0);
    const oldKid = JSON.parse(first.stdout.join('\n')).kid as string;

    const io = capture(cwd);
    expect(await runSigningKeysRotate({ dataDir: 'data' }, io, () => T0 + MIN)).toBe(0);
    const text = io.stdout.join('\n');
    const newKid = /new signing key (\S+): published now, signs from (\S+) \(in 15 min\)/.exec(
      text,
    );
    expect(newKid?.[2]).toBe('2026-11-22T10:16:00.000Z');
    // Retires after the new key's activation + 900 s max lifetime + 60 s margin.
    expect(text).toContain(
      `retiring ${oldKid}: published until 2026-11-22T10:32:00.000Z (in 31 min), then its tokens are refused`,
    );
    const kid = newKid?.[1] as string;

    // What the running stack does with the files: both keys in the JWKS right away ...
    const jwks = await (await stackTokens(dataDir, T0 + 2 * MIN)).jwks();
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([kid, oldKid].sort());
    // ... the old key signs until the new one activates, then the new one ...
    expect(await kidOfSignedToken(dataDir, T0 + 15 * MIN)).toBe(oldKid);
    expect(await kidOfSignedToken(dataDir, T0 + 16 * MIN)).toBe(kid);
    // ... and the old key leaves the JWKS once its last token has expired.
    const later = await (await stackTokens(dataDir, T0 + 32 * MIN)).jwks();
    expect(later.keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('runs from the command line: portico signing-keys rotate --data-dir <dir> --json', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    const io = capture(cwd);
    let exitCode = -1;
    const program = buildProgram(io, (code) => {
      exitCode = code;
    });
    await program.parseAsync(['signing-keys', 'rotate', '--data-dir', 'stack', '--json'], {
      from: 'user',
    });
    expect(exitCode).toBe(0);
    const { kid } = JSON.parse(io.stdout.join('\n'));
    const file = JSON.parse(readFileSync(join(cwd, 'stack', 'signing-keys.json'), 'utf8'));
    expect(file.keys[0].kid).toBe(kid);
  });
});

describe('portico signing-keys list', () => {
  it('shows each key as signing, published or retired as time passes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    await runSigningKeysRotate({ json: true }, capture(cwd), () => T0);
    const rotated = capture(cwd);
    await runSigningKeysRotate({ json: true }, rotated, () => T0 + MIN);
    const { kid: newKid } = JSON.parse(rotated.stdout.join('\n'));

    const states = async (at: number) => {
      const io = capture(cwd);
      expect(await runSigningKeysList({ json: true }, io, () => at)).toBe(0);
      const rows = JSON.parse(io.stdout.join('\n')) as { kid: string; state: string }[];
      return rows.map((r) => [r.kid === newKid ? 'new' : 'old', r.state]);
    };
    // Newest activation first.
    expect(await states(T0 + 2 * MIN)).toEqual([
      ['new', 'published'],
      ['old', 'signing'],
    ]);
    expect(await states(T0 + 16 * MIN)).toEqual([
      ['new', 'signing'],
      ['old', 'published'],
    ]);
    expect(await states(T0 + 32 * MIN)).toEqual([
      ['new', 'signing'],
      ['old', 'retired'],
    ]);

    const text = capture(cwd);
    expect(await runSigningKeysList({}, text, () => T0 + 2 * MIN)).toBe(0);
    expect(text.stdout.join('\n')).toContain(
      `${newKid}  published  activates 2026-11-22T10:16:00.000Z`,
    );
  });

  it('says so when there are no keys yet, without creating anything', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    const io = capture(cwd);
    expect(await runSigningKeysList({}, io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('no signing keys');
    expect(() => statSync(join(cwd, '.portico'))).toThrow();
  });
});
