import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  echoDocument,
  type RunningGateway,
  seedServer,
  startGateway,
  testStore,
} from './support/env.js';

// Issue 8 item 7: no personal data in logs. The gateway takes no address, but a client may put
// one in a query or a path (`/s/x/mcp?email=...`, an unknown route): the gateway logs the route
// pattern and no query value, with its default request serializer.

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let gateway: RunningGateway;
const store = testStore();

beforeAll(async () => {
  gateway = await startGateway({ store, logger: { level: 'trace', stream: sink } });
});
afterAll(() => gateway?.close());

/** An address in the forms a URL carries it: literal, percent- and double-encoded. */
const ADDRESS = /[\w.+-]+@[\w-]+|%40|%2540/i;

describe('logs carry no email address', () => {
  it('query values and unmatched paths are redacted', async () => {
    const seeded = await seedServer(store, { document: echoDocument(), access: 'api_key' });
    const email = 'alice.gateway-log@example.test';
    const encoded = encodeURIComponent(email);
    const targets = [
      `${gateway.url(seeded.slug)}?email=${email}`,
      `${gateway.url(seeded.slug)}?email=${encoded}&login_hint=${encodeURIComponent(encoded)}`,
      `${gateway.origin}/s/${seeded.slug}/${encoded}?email=${email}`,
      `${gateway.origin}/s/${email}/mcp`,
    ];
    for (const target of targets) {
      await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    }

    const log = lines.join('');
    expect(log).toContain('incoming request');
    expect(log).not.toContain('alice.gateway-log');
    expect(log.match(ADDRESS)).toBeNull();
    expect(log).toContain('/s/:slug/mcp?email=[redacted]');
  });
});
