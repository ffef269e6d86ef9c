import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismMock, startPrism } from '@portico/devkit';
import { type Platform, type PlatformOptions, startPlatform } from '@portico/local';

/** The platform under test plus one Prism mock upstream per document. */
export interface E2eStack {
  platform: Platform;
  prisms: Map<string, PrismMock>;
  stop(): Promise<void>;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'openapi');

/**
 * Starts a Prism mock for each fixture document (name -> file under fixtures/openapi), then the
 * whole platform on a free port with in-memory DynamoDB Local and the SES stand-in, allowing
 * exactly those Prism upstreams through the gateway's SSRF guard. `options` adds platform options
 * (e.g. which Client ID Metadata Document hosts the auth service may fetch from).
 */
export async function startE2eStack(
  documents: Record<string, string>,
  options: Partial<PlatformOptions> = {},
): Promise<E2eStack> {
  const prisms = new Map<string, PrismMock>();
  try {
    for (const [name, file] of Object.entries(documents)) {
      prisms.set(name, await startPrism(join(FIXTURES, file)));
    }
    const platform = await startPlatform({
      host: '127.0.0.1',
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'portico-e2e-')),
      tableName: 'portico',
      inMemory: true,
      allowUpstreamHosts: [...prisms.values()].map((p) => `127.0.0.1:${p.port}`),
      ...options,
    });
    return {
      platform,
      prisms,
      stop: async () => {
        await platform.stop();
        await Promise.all([...prisms.values()].map((p) => p.stop()));
      },
    };
  } catch (err) {
    await Promise.all([...prisms.values()].map((p) => p.stop()));
    throw err;
  }
}
