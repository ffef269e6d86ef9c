import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
const lines: string[] = [];
const SECRET = 'sk_live_NEVER_IN_LOGS_0987654321';

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await testApp({ logger: { level: 'trace', stream } });
});
afterAll(() => t.close());

describe('logs', () => {
  it('never contain API keys, signup tokens or upstream credential values', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const url = `/api/v1/servers/${server.slug}/upstream`;
    await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...bearer(key), 'x-api-key': key, cookie: `session=${SECRET}` },
      payload: { credential: { type: 'header', name: 'X-Api-Key', value: SECRET } },
    });
    // A request that fails validation with the secret in the body.
    await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(key),
      payload: { credential: { type: 'header', name: 'Bad Name', value: SECRET } },
    });
    await t.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/org',
      headers: bearer(`${key.slice(0, -2)}zz`),
    });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('incoming request');
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(4, 30));
    expect(log).not.toContain(SECRET);
  });
});
