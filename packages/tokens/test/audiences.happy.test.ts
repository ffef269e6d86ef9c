import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlApiAudience, TOKEN_TYPES } from '../src/index.js';
import { ISSUER, type Setup, setup } from './helpers.js';

describe('control API audience', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
    await s.service.ensureKey();
  });
  afterEach(() => s.cleanup());

  it('is <publicOrigin>/api/v1 whatever trailing slashes the origin has', () => {
    expect(controlApiAudience('https://portico.example')).toBe('https://portico.example/api/v1');
    expect(controlApiAudience('https://portico.example/')).toBe('https://portico.example/api/v1');
    expect(controlApiAudience('http://127.0.0.1:4000//')).toBe('http://127.0.0.1:4000/api/v1');
  });

  it('a session token for it verifies there and nowhere else', async () => {
    const aud = controlApiAudience(ISSUER);
    const token = await s.service.sign({
      typ: TOKEN_TYPES.session,
      sub: 'member_1',
      aud,
      orgId: 'org_acme',
      lifetimeSeconds: 600,
    });
    await expect(
      s.service.verify(token, { typ: TOKEN_TYPES.session, audience: aud, orgId: 'org_acme' }),
    ).resolves.toMatchObject({ sub: 'member_1', aud });
    await expect(
      s.service.verify(token, { typ: TOKEN_TYPES.session, audience: `${aud}/` }),
    ).rejects.toMatchObject({ reason: 'TOKEN_WRONG_AUDIENCE' });
  });
});
