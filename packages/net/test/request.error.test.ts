import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeAgent, safeRequest } from '../src/index.js';
import { type LocalServer, localCertificate, startHttp, startHttps } from './servers.js';

let big: LocalServer;
let silent: LocalServer;
let tls: { key: string; cert: string };
let secure: LocalServer;

beforeAll(async () => {
  big = await startHttp((_req, res) => res.end('x'.repeat(10_000)));
  // Accepts the request and never answers.
  silent = await startHttp(() => {});
  tls = await localCertificate();
  secure = await startHttps(tls, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});

afterAll(async () => {
  await Promise.all([big?.close(), silent?.close(), secure?.close()]);
});

describe('safe requests (errors)', () => {
  it('stops reading at the byte cap and says so', async () => {
    const agent = createSafeAgent({ allowHosts: [`127.0.0.1:${big.port}`] });
    try {
      const res = await safeRequest(
        { method: 'GET', url: big.url, headers: {} },
        { dispatcher: agent, timeoutMs: 2_000, maxBytes: 1024 },
      );
      if (!res.ok) throw new Error(res.failure.message);
      expect(res.response.truncated).toBe(true);
      expect(res.response.body.byteLength).toBe(1024);
    } finally {
      await agent.close();
    }
  });

  it('a silent server is a timeout, a closed port a network failure; neither throws', async () => {
    const closed = await startHttp(() => {});
    const closedPort = closed.port;
    await closed.close();
    const agent = createSafeAgent({ allowHosts: ['127.0.0.1'] });
    try {
      const slow = await safeRequest(
        { method: 'GET', url: silent.url, headers: {} },
        { dispatcher: agent, timeoutMs: 200, maxBytes: 1024 },
      );
      expect(slow).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
      const refused = await safeRequest(
        { method: 'GET', url: `http://127.0.0.1:${closedPort}/secret?token=abc`, headers: {} },
        { dispatcher: agent, timeoutMs: 2_000, maxBytes: 1024 },
      );
      expect(refused).toMatchObject({ ok: false, failure: { kind: 'network' } });
      if (!refused.ok) expect(refused.failure.message).not.toContain('token=abc');
    } finally {
      await agent.close();
    }
  });

  it('trusts an extra CA only when given one', async () => {
    const url = `${secure.url}/doc.json`;
    const allowHosts = [`127.0.0.1:${secure.port}`];
    const trusting = createSafeAgent({ allowHosts, ca: tls.cert });
    const strict = createSafeAgent({ allowHosts });
    try {
      const ok = await safeRequest(
        { method: 'GET', url, headers: {} },
        { dispatcher: trusting, timeoutMs: 2_000, maxBytes: 1024 },
      );
      if (!ok.ok) throw new Error(ok.failure.message);
      expect(Buffer.from(ok.response.body).toString()).toBe('{"ok":true}');
      const refused = await safeRequest(
        { method: 'GET', url, headers: {} },
        { dispatcher: strict, timeoutMs: 2_000, maxBytes: 1024 },
      );
      expect(refused).toMatchObject({ ok: false, failure: { kind: 'network' } });
    } finally {
      await Promise.all([trusting.close(), strict.close()]);
    }
  });
});
