import { DEFAULT_DATA_DIR } from '@portico/contracts';
import { pickSigningKey, rotateSigningKeys, type StoredSigningKey } from '@portico/tokens';
import type { Command } from 'commander';
import { EXIT, type Io } from '../io.js';
import { openKeyStore, openSealer, signingKeyFiles } from './signing-key-files.js';

export interface SigningKeysOptions {
  /** The local stack's data directory (relative to the user's directory). Default `.portico`. */
  dataDir?: string;
  /** Print JSON instead of text. */
  json?: boolean;
}

/** A key's state at a moment: `signing` (the one that signs), `published` (in the JWKS, not
 * signing: waiting for its activation or outgoing), `retired` (gone from the JWKS, refused). */
export type KeyState = 'signing' | 'published' | 'retired';

const iso = (ms: number): string => new Date(ms).toISOString();

function minutesFrom(now: number, at: number): string {
  const minutes = Math.round((at - now) / 60_000);
  if (minutes <= 0) return 'now';
  return `in ${minutes} min`;
}

/**
 * `portico signing-keys rotate`: publishes a new signing key now; it starts signing after the publish
 * delay (15 min, longer than verifiers' JWKS caches), or at once if no key can sign; every older
 * key not yet retiring is kept published until its last token has expired (new activation + 15
 * min lifetime + 60 s margin), then retires (tokens/README, "Publish, then sign, then retire").
 * Works on `<dataDir>/signing-keys.json` sealed under `<dataDir>/kek.bin` (the local stack's files;
 * running services pick the new key up within their 30 s key cache). Prints the new kid, when it
 * signs, and which keys retire when (`--json`: `{ kid, activatesAt, retiring: [{kid, retiresAt}] }`,
 * times ISO-8601). Returns the exit code: 0 done, 1 the files could not be read or written.
 * Not safe to run twice at once on the same files.
 */
export async function runSigningKeysRotate(
  options: SigningKeysOptions,
  io: Io,
  now: () => number = Date.now,
): Promise<number> {
  const files = signingKeyFiles(io.cwd, options.dataDir ?? DEFAULT_DATA_DIR);
  let result: Awaited<ReturnType<typeof rotateSigningKeys>>;
  try {
    const keyStore = openKeyStore(files);
    const sealer = await openSealer(files, keyStore);
    result = await rotateSigningKeys({ keyStore, sealer, now });
  } catch (error) {
    io.err(`cannot rotate signing keys in ${files.keyFile}: ${(error as Error).message}`);
    return EXIT.failure;
  }
  const at = now();
  if (options.json === true) {
    io.out(
      JSON.stringify(
        {
          kid: result.kid,
          activatesAt: iso(result.activatesAt),
          retiring: result.retiring.map((r) => ({ kid: r.kid, retiresAt: iso(r.retiresAt) })),
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const lines = [
    `new signing key ${result.kid}: published now, signs from ${iso(result.activatesAt)} (${minutesFrom(at, result.activatesAt)})`,
  ];
  for (const r of result.retiring) {
    lines.push(
      `  retiring ${r.kid}: published until ${iso(r.retiresAt)} (${minutesFrom(at, r.retiresAt)}), then its tokens are refused`,
    );
  }
  if (result.retiring.length === 0) lines.push('  no key to retire');
  io.out(lines.join('\n'));
  return EXIT.ok;
}

/** A key's state at `nowMs` (see {@link KeyState}). */
export function keyState(
  key: StoredSigningKey,
  keys: readonly StoredSigningKey[],
  nowMs: number,
): KeyState {
  if (key.retiresAt !== undefined && key.retiresAt <= nowMs) return 'retired';
  return pickSigningKey(keys, nowMs)?.kid === key.kid ? 'signing' : 'published';
}

/**
 * `portico signing-keys list`: every key of `<dataDir>/signing-keys.json` with its state (signing,
 * published, retired), activation and retirement times, newest activation first. Reads public
 * data only (no KEK needed). `--json`: `[{ kid, state, createdAt, activatesAt, retiresAt|null }]`,
 * times ISO-8601. Returns the exit code: 0 done, 1 the file could not be read.
 */
export async function runSigningKeysList(
  options: SigningKeysOptions,
  io: Io,
  now: () => number = Date.now,
): Promise<number> {
  const files = signingKeyFiles(io.cwd, options.dataDir ?? DEFAULT_DATA_DIR);
  let keys: StoredSigningKey[];
  try {
    keys = await openKeyStore(files).list();
  } catch (error) {
    io.err(`cannot read ${files.keyFile}: ${(error as Error).message}`);
    return EXIT.failure;
  }
  const at = now();
  const rows = [...keys]
    .sort((a, b) => b.activatesAt - a.activatesAt)
    .map((k) => ({
      kid: k.kid,
      state: keyState(k, keys, at),
      createdAt: iso(k.createdAt),
      activatesAt: iso(k.activatesAt),
      retiresAt: k.retiresAt === undefined ? null : iso(k.retiresAt),
    }));
  if (options.json === true) {
    io.out(JSON.stringify(rows, null, 2));
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.out(`no signing keys in ${files.keyFile} (the local stack creates one at start)`);
    return EXIT.ok;
  }
  io.out(
    rows
      .map(
        (r) =>
          `${r.kid}  ${r.state.padEnd(9)}  activates ${r.activatesAt}${r.retiresAt ? `  retires ${r.retiresAt}` : ''}`,
      )
      .join('\n'),
  );
  return EXIT.ok;
}

/** Registers `signing-keys rotate` and `signing-keys list` on the program; exit codes land in `setExitCode`. */
export function registerSigningKeys(
  program: Command,
  io: Io,
  setExitCode: (code: number) => void,
): void {
  const keys = program
    .command('signing-keys')
    .description('signing keys of the local stack (JWKS): rotate and list');
  keys
    .command('rotate')
    .description(
      'publish a new signing key (signs after 15 min); older keys retire once their last token expired',
    )
    .option('--data-dir <dir>', 'the local stack data directory', DEFAULT_DATA_DIR)
    .option('--json', 'print the result as JSON')
    .action(async (options: SigningKeysOptions) => {
      setExitCode(await runSigningKeysRotate(options, io));
    });
  keys
    .command('list')
    .description('list signing keys with their state and times')
    .option('--data-dir <dir>', 'the local stack data directory', DEFAULT_DATA_DIR)
    .option('--json', 'print the keys as JSON')
    .action(async (options: SigningKeysOptions) => {
      setExitCode(await runSigningKeysList(options, io));
    });
}
