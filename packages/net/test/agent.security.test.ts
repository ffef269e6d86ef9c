import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeAgent, safeRequest } from '../src/index.js';
import { type LocalServer, startHttp } from './servers.js';

let canary: LocalServer;
let allowed: LocalServer;

beforeAll(async () => {
  canary = await startHttp((_req, res) => res.end('canary'));
  allowed = await startHttp((_req, res) => {
    res.writeHead(307, { location: `${canary.url}/pwned` });
    res.end();
  });
});

afterAll(async () => {
  await Promise.all([canary?.close(), allowed?.close()]);
});

const opts = (dispatcher: ReturnType<typeof createSafeAgent>) => ({
  dispatcher,
  timeoutMs: 2_000,
  maxBytes: 1024,
});

describe('safe agent (security)', () => {
  it('refuses every spelling of an internal address before a connection is made', async () => {
    const agent = createSafeAgent();
    const port = canary.port;
    const spellings = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/',
      'http://[fd12:3456::1]/',
      'http://224.0.0.1/',
    ];
    try {
      for (const url of spellings) {
        const result = await safeRequest({ method: 'GET', url: url, headers: {} }, opts(agent));
        expect(result, url).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
        if (!result.ok) expect(result.failure.message, url).toMatch(/not allowed/);
      }
      expect(canary.connections()).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it('an allow-listed host:port is reached; the same host on another port is not', async () => {
    const agent = createSafeAgent({ allowHosts: [`127.0.0.1:${allowed.port}`] });
    try {
      const ok = await safeRequest(
        { method: 'GET', url: `${allowed.url}/x`, headers: {} },
        opts(agent),
      );
      expect(ok).toMatchObject({ ok: true, response: { status: 307 } });
      const other = await safeRequest(
        { method: 'GET', url: `${canary.url}/x`, headers: {} },
        opts(agent),
      );
      expect(other).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
      expect(canary.connections()).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it('a redirect to an internal address is answered, never followed', async () => {
    const agent = createSafeAgent({ allowHosts: [`127.0.0.1:${allowed.port}`] });
    try {
      const res = await safeRequest({ method: 'GET', url: allowed.url, headers: {} }, opts(agent));
      if (!res.ok) throw new Error(res.failure.message);
      expect(res.response.status).toBe(307);
      expect(res.response.headers.location).toBe(`${canary.url}/pwned`);
      expect(canary.connections()).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
