import { randomBytes } from 'node:crypto';
import { createDynamoClient, createStore } from '@portico/store';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { testApp } from './helpers.js';

const signup = { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Anyone' } } as const;

describe('POST /api/v1/orgs (security)', () => {
  it('the default deployment hands no API key to anyone: sign-up is by email', async () => {
    const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
    const store = createStore({ client, tableName: inject('tableName'), kek: randomBytes(32) });
    const app = await buildApp({ store });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await app.inject(signup);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
        expect(res.json().error.message).toContain('/auth/signup');
        expect(res.json().apiKey).toBeUndefined();
      }
    } finally {
      await app.close();
      client.destroy();
    }
  });

  it('modes email and token refuse it, even with a signup token; open serves it', async () => {
    for (const mode of ['email', 'token'] as const) {
      const t = await testApp({ signup: mode, signupToken: 'let-me-in' });
      try {
        const res = await t.app.inject({
          ...signup,
          headers: { 'x-portico-signup-token': 'let-me-in' },
        });
        expect(res.statusCode, mode).toBe(403);
      } finally {
        await t.close();
      }
    }
    const open = await testApp({ signup: 'open' });
    try {
      expect((await open.app.inject(signup)).statusCode).toBe(201);
    } finally {
      await open.close();
    }
  });
});
