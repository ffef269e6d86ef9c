import { describe, expect, it } from 'vitest';
import { LOG_CENSOR, LOG_REDACT_PATHS, loggedUrl, loggerOptionsWith } from '../src/index.js';

// Issue 8 item 7: the one redaction rule every service logs request URLs with.

describe('loggedUrl', () => {
  it('logs the route pattern and every query name with its value redacted', () => {
    expect(
      loggedUrl({
        url: '/api/v1/servers/pets/end-users?email=alice%40example.test&limit=5&flag',
        routeOptions: { url: '/api/v1/servers/:slug/end-users' },
      }),
    ).toBe('/api/v1/servers/:slug/end-users?email=[redacted]&limit=[redacted]&flag=[redacted]');
  });

  it('replaces path segments and query names holding an address in any spelling', () => {
    for (const at of ['@', '%40', '%2540', '%2540'.toLowerCase(), '%40'.toLowerCase()]) {
      const shown = loggedUrl({ url: `/s/a${at}b.test/x?c${at}d=1&&e=${at}` });
      expect(shown).toBe(`/s/${LOG_CENSOR}/x?${LOG_CENSOR}=${LOG_CENSOR}&e=${LOG_CENSOR}`);
    }
  });

  it('keeps a URL without query or address as it is', () => {
    expect(loggedUrl({ url: '/nothing/here' })).toBe('/nothing/here');
    expect(loggedUrl({ url: '/x?' })).toBe('/x');
  });
});

describe('loggerOptionsWith', () => {
  it('always adds the shared paths, the service ones and the given ones', () => {
    const options = loggerOptionsWith({ redact: ['mine'] }, ['code'], () => ({})) as {
      redact: { paths: string[]; censor: string };
    };
    expect(options.redact.paths).toEqual([...LOG_REDACT_PATHS, 'code', 'mine']);
    expect(options.redact.censor).toBe(LOG_CENSOR);
  });
});
