import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type KeyStore, parseStoredSigningKey, type StoredSigningKey } from './key-store.js';

interface KeyFile {
  version: 1;
  keys: StoredSigningKey[];
}

/**
 * A KeyStore in one JSON file, for the local stack (conventionally `.portico/signing-keys.json`):
 * `{ "version": 1, "keys": [StoredSigningKey...] }`. Private keys are in the file only sealed.
 * Writes go to a fresh temporary file (mode 0600, folder 0700) renamed over the old one, so a
 * reader never sees half a file and the mode holds. Writes from this process are serialized;
 * the file is not meant to be shared by several processes writing at once.
 * Throws a plain Error when the file exists but is not a valid key file.
 */
export function createFileKeyStore(path: string): KeyStore {
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<StoredSigningKey[]> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const parsed = JSON.parse(text) as Partial<KeyFile>;
    if (parsed.version !== 1 || !Array.isArray(parsed.keys)) {
      throw new Error(`${path} is not a Portico signing key file (version 1)`);
    }
    return parsed.keys.map(parseStoredSigningKey);
  };

  const write = async (keys: StoredSigningKey[]): Promise<void> => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const file: KeyFile = { version: 1, keys };
    try {
      await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  };

  return {
    list: read,
    async put(key: StoredSigningKey): Promise<void> {
      const record = parseStoredSigningKey(key);
      const next = queue.then(async () => {
        const keys = (await read()).filter((k) => k.kid !== record.kid);
        await write([...keys, record]);
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
