import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismMock, startPrism } from '@portico/devkit';
import { loadOrCreateKek } from '@portico/store';
import { createAesGcmSealer, createFileKeyStore, createTokenService } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG, ensureDemo } from '../src/demo.js';
import { type Platform, startPlatform } from '../src/platform.js';

const SPEC = join(import.meta.dirname, '..', 'demo', 'petstore-expanded.json');
let prism: PrismMock;
let platform: Platform;
let dataDir: string;

beforeAll(async () => {
  prism = await startPrism(SPEC);
  dataDir = mkdtempSync(join(tmpdir(), 'portico-local-'));
  platform = await startPlatform({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    tableName: 'portico',
    inMemory: true,
    allowUpstreamHosts: [`127.0.0.1:${prism.port}`],
  });
});

afterAll(async () => {
  await platform?.stop();
  await prism?.stop();
});

async function mcp(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${platform.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

describe('local platform', () => {
  it('creates the demo organization once and reuses it on the next start', async () => {
    const statePath = join(dataDir, 'demo.json');
    const first = await ensureDemo(platform.controlApi, {
      statePath,
      specPath: SPEC,
      upstreamUrl: prism.url,
    });
    expect(first.slug).toBe(DEMO_SLUG);
    expect(first.apiKey).toMatch(/^ptk_/);
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    const second = await ensureDemo(platform.controlApi, {
      statePath,
      specPath: SPEC,
      upstreamUrl: prism.url,
    });
    expect(second).toEqual(first);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toEqual(first);
  });

  it('routes /s/ to the gateway, /api/ to the control API and answers unknown paths with 404', async () => {
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      apiKey: string;
    };
    const list = await mcp(`/s/${DEMO_SLUG}/mcp`, { authorization: `Bearer ${demo.apiKey}` });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((t) => t.name).sort()).toEqual([
      'addPet',
      'deletePet',
      'findPets',
      'find_pet_by_id',
    ]);
    const org = await fetch(`${platform.url}/api/v1/org`, {
      headers: { authorization: `Bearer ${demo.apiKey}` },
    });
    expect(org.status).toBe(200);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    const missing = await fetch(`${platform.url}/nowhere`);
    expect(missing.status).toBe(404);
  });

  it('refuses a rebound Host on loopback (DNS rebinding) with 403', async () => {
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      apiKey: string;
    };
    const rebound = await mcp(`/s/${DEMO_SLUG}/mcp`, {
      authorization: `Bearer ${demo.apiKey}`,
      host: 'evil.example.com',
      origin: 'http://evil.example.com',
    });
    expect(rebound.status).toBe(403);
  });

  it('serves the auth service on the same origin: OAuth metadata, protected resource metadata, JWKS', async () => {
    const metadata = await fetch(`${platform.url}/.well-known/oauth-authorization-server`);
    expect(metadata.status).toBe(200);
    const body = (await metadata.json()) as { issuer: string; token_endpoint: string };
    expect(body.issuer).toBe(platform.url);
    expect(body.token_endpoint).toBe(`${platform.url}/auth/token`);
    const resource = await fetch(
      `${platform.url}/.well-known/oauth-protected-resource/s/${DEMO_SLUG}/mcp`,
    );
    expect(resource.status).toBe(200);
    expect(((await resource.json()) as { resource: string }).resource).toBe(
      `${platform.url}/s/${DEMO_SLUG}/mcp`,
    );
    const jwks = (await (await fetch(`${platform.url}/auth/jwks`)).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });

  it('the control API accepts member session tokens for <origin>/api/v1 from the platform keys', async () => {
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      apiKey: string;
    };
    const added = await fetch(`${platform.url}/api/v1/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dev@demo.test', role: 'developer' }),
    });
    expect(added.status).toBe(201);
    const { member } = (await added.json()) as { member: { memberId: string } };
    const org = (await (
      await fetch(`${platform.url}/api/v1/org`, {
        headers: { authorization: `Bearer ${demo.apiKey}` },
      })
    ).json()) as { org: { orgId: string } };
    // What the auth service does at member sign-in: the platform's keys, issuer = its origin.
    const tokens = createTokenService({
      keyStore: createFileKeyStore(join(dataDir, 'signing-keys.json')),
      sealer: createAesGcmSealer(await loadOrCreateKek(join(dataDir, 'kek.bin'))),
      issuer: platform.url,
    });
    const session = await tokens.sign({
      typ: 'portico-session+jwt',
      sub: member.memberId,
      aud: `${platform.url}/api/v1`,
      orgId: org.org.orgId,
      lifetimeSeconds: 300,
    });
    const headers = { authorization: `Bearer ${session}` };
    expect((await fetch(`${platform.url}/api/v1/servers/${DEMO_SLUG}`, { headers })).status).toBe(
      200,
    );
    expect((await fetch(`${platform.url}/api/v1/api-keys`, { headers })).status).toBe(403);
  });
});
