import { hashApiKey, isWellFormedApiKey } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('POST /api/v1/orgs', () => {
  it('creates an org and returns its first API key once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { name: 'Acme', email: 'dev@acme.test' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.org).toMatchObject({ name: 'Acme', email: 'dev@acme.test' });
    expect(body.org.orgId).toMatch(/^org_/);
    expect(isWellFormedApiKey(body.apiKey.key)).toBe(true);
    expect(body.apiKey.hint).toBe(`ptk_…${body.apiKey.key.slice(-4)}`);
    const stored = await t.store.apiKeys.findByHash(hashApiKey(body.apiKey.key));
    expect(stored?.orgId).toBe(body.org.orgId);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });

  it('requires the signup token when the deployment sets one', async () => {
    const guarded = await testApp({ signupToken: 'let-me-in' });
    try {
      const ok = await guarded.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { 'x-portico-signup-token': 'let-me-in' },
        payload: { name: 'Invited' },
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await guarded.close();
    }
  });
});

describe('GET /api/v1/org', () => {
  it("returns the caller's org, with the key in Authorization or x-api-key", async () => {
    const { orgId, key } = await signup(t.app);
    for (const headers of [bearer(key), { 'x-api-key': key }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/org', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().org.orgId).toBe(orgId);
    }
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the OpenAPI document of the control API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orgs', '/api/v1/servers/{slug}/versions']),
    );
  });
});
