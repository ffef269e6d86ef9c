import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSafeAgent,
  createServerScopedAgent,
  parseHostGrants,
  type ServerScopedAgent,
  safeRequest,
} from '../src/index.js';
import { type LocalServer, startHttp } from './servers.js';

// Issue 8 item 8: an operator's allowed host applies to the servers it was granted for, not the
// whole platform (`PORTICO_ALLOW_UPSTREAM_HOSTS`: `slug=host:port` one server, bare every one).

let granted: LocalServer;
/** The paths the granted server was asked for. */
const seen: string[] = [];
beforeAll(async () => {
  granted = await startHttp((req, res) => {
    seen.push(String(req.url));
    res.end('granted');
  });
});
afterAll(() => granted?.close());

const send = (agent: ServerScopedAgent, slug: string | undefined, url: string) =>
  safeRequest(
    { method: 'GET', url: url, headers: {} },
    {
      dispatcher: slug === undefined ? agent : agent.forServer(slug),
      timeoutMs: 2_000,
      maxBytes: 64,
    },
  );

describe('host grants', () => {
  it('parses both forms, case-insensitive, and refuses malformed entries by name', () => {
    const grants = parseHostGrants([
      'demo-petstore=127.0.0.1:4010',
      ' Demo-Petstore = [::1]:4011 ',
      '127.0.0.1:4020',
      '',
      'other=api.internal',
    ]);
    expect(grants.everyServer).toEqual(['127.0.0.1:4020']);
    expect([...grants.byServer]).toEqual([
      ['demo-petstore', ['127.0.0.1:4010', '[::1]:4011']],
      ['other', ['api.internal']],
    ]);
    for (const bad of ['a=', '=127.0.0.1:1', 'Bad Slug=x', 'a=b=c', 'http://x', 'x:99999', 'a/b']) {
      expect(() => parseHostGrants([bad]), bad).toThrow(TypeError);
      expect(() => parseHostGrants([bad]), bad).toThrow(JSON.stringify(bad));
    }
  });

  it('a slug grant is refused where only platform-wide entries are allowed', () => {
    expect(() => createSafeAgent({ allowHosts: ['demo=127.0.0.1:4010'] })).toThrow(TypeError);
  });

  it('a host granted to one slug serves that server only; pooled sockets never cross', async () => {
    const agent = createServerScopedAgent({ allowHosts: [`org-a-api=127.0.0.1:${granted.port}`] });
    try {
      // Org A's server twice, so keep-alive sockets of that origin sit in a pool.
      for (let i = 0; i < 2; i++) {
        expect(await send(agent, 'org-a-api', `${granted.url}/a`)).toMatchObject({
          ok: true,
          response: { status: 200 },
        });
      }
      // Org B's server (and near-miss slugs), the same origin: no pooled socket of org A's
      // server carries it, and the address policy refuses it before any socket exists.
      for (const slug of ['org-b-api', 'org-a-api-2', 'ORG-A-API', undefined]) {
        const refused = await send(agent, slug, `${granted.url}/b`);
        expect(refused, String(slug)).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
      }
      expect(await send(agent, 'org-a-api', `${granted.url}/a`)).toMatchObject({ ok: true });
      expect(seen).toEqual(['/a', '/a', '/a']);
    } finally {
      await agent.close();
    }
  });

  it('a bare host:port grants every server', async () => {
    const agent = createServerScopedAgent({
      allowHosts: [`127.0.0.1:${granted.port}`, 'org-a-api=192.0.2.1:80'],
    });
    try {
      for (const slug of ['org-a-api', 'org-b-api', undefined]) {
        expect(await send(agent, slug, `${granted.url}/all`), String(slug)).toMatchObject({
          ok: true,
        });
      }
    } finally {
      await agent.destroy();
    }
  });
});
