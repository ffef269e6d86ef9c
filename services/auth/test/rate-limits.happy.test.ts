import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, rateLimitTable } from '../src/rate-limit.js';

describe('rate-limit table', () => {
  it('the README shows exactly the budgets of RATE_LIMITS', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(rateLimitTable());
    // Each family appears in exactly one row: no stale copy of the table elsewhere.
    for (const { label } of Object.values(RATE_LIMITS)) {
      expect(readme.split('\n').filter((l) => l.startsWith(`| ${label} |`))).toHaveLength(1);
    }
  });

  it('a budget fits real use: 600 MCP clients refreshing every 10 minutes behind one address', () => {
    expect(RATE_LIMITS.tokens.max / (RATE_LIMITS.tokens.windowMs / 600_000)).toBeGreaterThanOrEqual(
      600,
    );
  });
});
