import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBlockedError, createSafeAgent, safeRequest } from '../src/index.js';
import { type LocalServer, startHttp } from './servers.js';

// Issue 8 item 8: a refusal names the rule, never the DNS answer ("resolves to 127.0.0.1" let a
// tenant map internal names).

let canary: LocalServer;
beforeAll(async () => {
  canary = await startHttp((_req, res) => res.end('canary'));
});
afterAll(() => canary?.close());

describe('refusal messages', () => {
  it('a DNS name resolving to an internal address is refused without naming the address', async () => {
    const agent = createSafeAgent();
    try {
      const result = await safeRequest(
        { method: 'GET', url: `http://localhost:${canary.port}/`, headers: {} },
        { dispatcher: agent, timeoutMs: 2_000, maxBytes: 64 },
      );
      expect(result).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
      if (result.ok) return;
      expect(result.failure.message).toBe(
        'host localhost is not allowed (upstream addresses must be public unicast)',
      );
      expect(result.failure.message).not.toMatch(/127\.0\.0\.1|::1|resolve/);
      expect(canary.connections()).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it('the error carries the rule and the host only', () => {
    const error = new AddressBlockedError('10.0.0.1');
    expect(error.message).toBe(
      'address 10.0.0.1 is not allowed (upstream addresses must be public unicast)',
    );
    expect(error).toMatchObject({
      code: 'ADDRESS_BLOCKED',
      rule: 'upstream addresses must be public unicast',
    });
  });
});
