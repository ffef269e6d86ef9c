import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, type RouteFamily } from '../src/rate-limit.js';
import { freshTenant, uniqueEmail, uniqueIp, withTestApp } from './helpers.js';
import { REDIRECT } from './oauth-helpers.js';
import { signInMember } from './sessions-helpers.js';

type Send = (ip: string) => Promise<LightMyRequestResponse>;

/** One request of each route family from `ip` (answers other than 429 mean "not limited"). */
function senders(app: FastifyInstance, serverSlug: string): Record<RouteFamily, Send> {
  const json = (url: string, payload: object) => (ip: string) =>
    app.inject({ method: 'POST', url, payload, remoteAddress: ip });
  const form = (url: string, fields: Record<string, string>) => (ip: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      remoteAddress: ip,
    });
  return {
    codeRequests: (ip) =>
      json('/auth/codes', {
        email: uniqueEmail(),
        audience: { kind: 'enduser', serverSlug },
      })(ip),
    codeVerification: (ip) =>
      json('/auth/codes/verify', {
        email: uniqueEmail(),
        audience: { kind: 'enduser', serverSlug },
        code: '123456',
      })(ip),
    tokens: form('/auth/token', {
      grant_type: 'refresh_token',
      client_id: 'cli_unknown',
      refresh_token: 'nope',
    }),
    registration: json('/auth/register', { client_name: 'Limits', redirect_uris: [REDIRECT] }),
    authorize: (ip) =>
      app.inject({
        method: 'GET',
        url: '/auth/authorize?client_id=cli_unknown',
        remoteAddress: ip,
      }),
    signup: (ip) => json('/auth/signup', { email: uniqueEmail('signup') })(ip),
  };
}

const FAMILIES = Object.keys(RATE_LIMITS) as RouteFamily[];

describe('per-route-family rate limits (security)', () => {
  it('50 session refreshes leave code requests and client registration untouched (default budgets)', async () => {
    await withTestApp(async (t) => {
      const { orgId, member, server } = await freshTenant(t.store);
      const session = await signInMember(t.app, t.mail, orgId, member);
      const ip = uniqueIp();
      let refreshToken = session.refresh_token;
      for (let i = 0; i < 50; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/auth/sessions/refresh',
          payload: { refresh_token: refreshToken },
          remoteAddress: ip,
        });
        expect(res.statusCode, res.body).toBe(200);
        refreshToken = res.json().refresh_token;
      }
      const send = senders(t.app, server.slug);
      // The whole default budget of each family is still there, and not one request more.
      for (const family of ['codeRequests', 'registration'] as const) {
        const { max } = RATE_LIMITS[family];
        for (let i = 0; i < max; i++) {
          const res = await send[family](ip);
          expect(res.statusCode, `${family} #${i + 1}`).not.toBe(429);
        }
        const refused = await send[family](ip);
        expect(refused.statusCode, family).toBe(429);
        expect(refused.json().error.code).toBe('RATE_LIMITED');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      }
    });
  });

  it('each family limits itself at exactly its budget and touches no other family', async () => {
    const budgets = Object.fromEntries(FAMILIES.map((f, i) => [f, { max: 2 + i }]));
    await withTestApp(
      async (t) => {
        const { server } = await freshTenant(t.store);
        const send = senders(t.app, server.slug);
        for (const family of FAMILIES) {
          const ip = uniqueIp();
          const max = budgets[family]?.max ?? 0;
          for (let i = 0; i < max; i++) {
            expect((await send[family](ip)).statusCode, `${family} #${i + 1}`).not.toBe(429);
          }
          const refused = await send[family](ip);
          expect(refused.statusCode, family).toBe(429);
          expect(refused.headers['retry-after']).toBeDefined();
          // The exhausted family leaves every other family of that address alone.
          for (const other of FAMILIES.filter((f) => f !== family)) {
            expect((await send[other](ip)).statusCode, `${other} after ${family}`).not.toBe(429);
          }
        }
      },
      { rateLimits: budgets },
    );
  });

  it('routes of one family share its budget: refreshes and token requests count together', async () => {
    await withTestApp(
      async (t) => {
        const { server } = await freshTenant(t.store);
        const send = senders(t.app, server.slug);
        const ip = uniqueIp();
        const refresh = () =>
          t.app.inject({
            method: 'POST',
            url: '/auth/sessions/refresh',
            payload: { refresh_token: 'prt_nope' },
            remoteAddress: ip,
          });
        expect((await refresh()).statusCode).not.toBe(429);
        expect((await send.tokens(ip)).statusCode).not.toBe(429);
        expect((await refresh()).statusCode).not.toBe(429);
        expect((await send.tokens(ip)).statusCode).toBe(429);
        expect((await refresh()).statusCode).toBe(429);
      },
      { rateLimits: { tokens: { max: 3 } } },
    );
  });
});
