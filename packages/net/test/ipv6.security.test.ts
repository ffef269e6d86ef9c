import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDecision,
  createSafeAgent,
  HostAllowList,
  isPublicUnicast,
  safeRequest,
} from '../src/index.js';
import { type LocalServer, startHttp } from './servers.js';

// Issue 8 item 9: public IPv6 upstreams are accepted, every internal IPv6 form is refused by
// the one guard, in every spelling. No public IPv6 host is reachable from the test machine:
// the public cases test the guard's decision, not a connection.

/** Spellings of internal destinations, by the rule that refuses them. */
const REFUSED: Record<string, string[]> = {
  loopback: ['::1', '0:0:0:0:0:0:0:1', '0000:0000:0000:0000:0000:0000:0000:0001'],
  unspecified: ['::', '0:0:0:0:0:0:0:0'],
  'link-local': ['fe80::1', 'FE80::a9fe:a9fe', 'febf:ffff::1', 'fe80::1%eth0'],
  'site-local (deprecated)': ['fec0::1'],
  'unique-local': ['fc00::1', 'fd00::1', 'fd12:3456:789a::1', 'FDFF:FFFF::'],
  multicast: ['ff02::1', 'ff05::1:3'],
  'IPv4-mapped (private IPv4)': [
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:127.0.0.1',
    '::FFFF:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '::ffff:192.168.0.1',
  ],
  'IPv4-compatible (deprecated)': ['::127.0.0.1', '::7f00:1', '::10.0.0.1', '::8.8.8.8'],
  'SIIT (RFC 6145)': ['::ffff:0:127.0.0.1', '::ffff:0:7f00:1'],
  'NAT64 64:ff9b::/96': [
    '64:ff9b::127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a00:1',
    '64:ff9b::a9fe:a9fe',
  ],
  'NAT64 local-use 64:ff9b:1::/48': ['64:ff9b:1::a00:1', '64:ff9b:1:ffff::7f00:1'],
  '6to4 2002::/16': ['2002:7f00:1::', '2002:a00:1::1', '2002:c0a8:1::1', '2002:a9fe:a9fe::'],
  // Teredo carries the client's IPv4 inverted in the last 32 bits (RFC 4380 section 4).
  'Teredo 2001::/32': ['2001:0:4136:e378:8000:63bf:80ff:fffe', '2001::f5ff:fffe', '2001:0::1'],
  documentation: ['2001:db8::1', '3fff::1'],
  discard: ['100::1'],
  'not an address': ['[2606:4700::1111]', '2606:4700::1111::1', 'gggg::1', ''],
};

const PUBLIC = ['2606:4700::1111', '2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450::1'];

describe('IPv6 guard decisions', () => {
  for (const [rule, spellings] of Object.entries(REFUSED)) {
    it(`refuses ${rule}`, () => {
      for (const address of spellings) expect(isPublicUnicast(address), address).toBe(false);
    });
  }

  it('accepts public global unicast IPv6, and IPv4-mapped public IPv4', () => {
    for (const address of [...PUBLIC, '::ffff:8.8.8.8']) {
      expect(isPublicUnicast(address), address).toBe(true);
    }
  });
});

describe("the Agent's connect decision for IPv6 URLs", () => {
  const none = new HostAllowList();
  const hostOf = (url: string) => new URL(url).hostname;

  it('a public IPv6 literal base URL is dialed directly (no DNS, no refusal)', () => {
    for (const url of ['http://[2606:4700::1111]', 'https://[2606:4700:0:0:0:0:0:1111]:8443/v1']) {
      expect(connectDecision(none, hostOf(url), '80'), url).toBe('connect');
    }
  });

  it('internal IPv6 literals are refused in every URL spelling', () => {
    for (const spellings of Object.values(REFUSED)) {
      for (const address of spellings) {
        const url = URL.parse(`http://[${address}]/`);
        if (url) expect(connectDecision(none, url.hostname, '80'), address).toBe('refuse');
      }
    }
  });
});

describe('IPv6 literals at connect time', () => {
  let canary: LocalServer;
  beforeAll(async () => {
    canary = await startHttp((_req, res) => res.end('canary'));
  });
  afterAll(() => canary?.close());

  it('every internal IPv6 URL is refused before a socket exists, with the rule named', async () => {
    const agent = createSafeAgent();
    try {
      const port = canary.port;
      const urls = [
        `http://[::1]:${port}/`,
        `http://[0:0:0:0:0:0:0:1]:${port}/`,
        `http://[::127.0.0.1]:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://[::ffff:0:127.0.0.1]:${port}/`,
        `http://[64:ff9b::127.0.0.1]:${port}/`,
        `http://[64:ff9b:1::a00:1]:${port}/`,
        `http://[2002:7f00:1::]:${port}/`,
        `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${port}/`,
        'http://[fe80::1]/',
        'http://[fd00::1]/',
        'http://[ff02::1]/',
      ];
      for (const url of urls) {
        const result = await safeRequest(
          { method: 'GET', url: url, headers: {} },
          { dispatcher: agent, timeoutMs: 2_000, maxBytes: 64 },
        );
        expect(result, url).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
        if (!result.ok) expect(result.failure.message).toMatch(/must be public unicast/);
      }
      expect(canary.connections()).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
