import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_FILES } from '@portico/contracts';
import { loadOrCreateKek } from '@portico/store';
import {
  createAesGcmSealer,
  createFileKeyStore,
  type KeyStore,
  type Sealer,
} from '@portico/tokens';

/** The local stack's signing-key files inside its data directory. */
export interface SigningKeyFiles {
  /** `<dataDir>/signing-keys.json`: the file key store (public keys, sealed private keys). */
  keyFile: string;
  /** `<dataDir>/kek.bin`: the key-encryption key that seals the private keys. */
  kekFile: string;
}

/** Paths of the key file and KEK under `dataDir` (resolved against `cwd`). */
export function signingKeyFiles(cwd: string, dataDir: string): SigningKeyFiles {
  const dir = resolve(cwd, dataDir);
  return { keyFile: join(dir, DATA_FILES.signingKeys), kekFile: join(dir, DATA_FILES.kek) };
}

/** The file key store of the local stack (read-only use needs no KEK). */
export function openKeyStore(files: SigningKeyFiles): KeyStore {
  return createFileKeyStore(files.keyFile);
}

/**
 * The sealer over the stack's KEK. Creates the KEK only when there are no keys yet: keys sealed
 * under a lost KEK cannot be opened by a new one, so a missing KEK next to existing keys is an
 * error (thrown as a plain Error with the path), not something to paper over.
 */
export async function openSealer(files: SigningKeyFiles, keyStore: KeyStore): Promise<Sealer> {
  const kekExists = await access(files.kekFile).then(
    () => true,
    () => false,
  );
  if (!kekExists && (await keyStore.list()).length > 0) {
    throw new Error(
      `${files.kekFile} is missing but ${files.keyFile} holds keys sealed under it; restore the KEK`,
    );
  }
  return createAesGcmSealer(await loadOrCreateKek(files.kekFile));
}
