import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('upstream configuration errors', () => {
  it('rejects non-http(s) URLs, URLs with credentials, bad header names and values', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const url = `/api/v1/servers/${server.slug}/upstream`;
    for (const payload of [
      { baseUrl: 'ftp://files.example.com' },
      { baseUrl: 'file:///etc/passwd' },
      { baseUrl: 'https://user:pw@api.example.com' },
      { baseUrl: 'not a url' },
      { credential: { type: 'header', name: 'Bad Header', value: 'secret-value-1' } },
      { credential: { type: 'header', name: 'Host', value: 'evil.example.com' } },
      { credential: { type: 'header', name: 'X-Key', value: 'line\r\nInjected: yes' } },
      { credential: { type: 'query', name: '', value: 'v' } },
      { credential: { type: 'basic', value: 'v' } },
      { other: true },
    ]) {
      const res = await t.app.inject({ method: 'PUT', url, headers: bearer(key), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.body).not.toContain('secret-value-1');
    }
  });
});
