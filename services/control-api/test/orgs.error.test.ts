import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ signupToken: 'let-me-in' });
});
afterAll(() => t.close());

describe('POST /api/v1/orgs errors', () => {
  it('refuses signup without the token or with a wrong one', async () => {
    for (const headers of [{}, { 'x-portico-signup-token': 'guess' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers,
        payload: { name: 'Intruder' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers VALIDATION_FAILED with the issues', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { 'x-portico-signup-token': 'let-me-in' },
      payload: { name: '', email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.requestId).toMatch(/^req_/);
    expect(error.details.in).toBe('body');
    expect(error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      '/email',
      '/name',
    ]);
  });

  it('answers PARSE_ERROR for a broken JSON body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { 'content-type': 'application/json', 'x-portico-signup-token': 'let-me-in' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PARSE_ERROR');
  });

  it('answers NOT_FOUND in the error vocabulary for unknown routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
