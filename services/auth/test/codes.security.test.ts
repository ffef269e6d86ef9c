import { Writable } from 'node:stream';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { audienceId, emailHash } from '@portico/store';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeHmac, codeMessage } from '../src/index.js';
import {
  freshTenant,
  otherCode,
  requestCode,
  type TestApp,
  testApp,
  uniqueEmail,
  uniqueIp,
  verifyCode,
} from './helpers.js';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await testApp({ logger: { level: 'trace', stream } });
});
afterAll(() => t.close());

/** Status, body and headers, minus the request id and date that differ per request by design. */
function comparable(res: LightMyRequestResponse) {
  const { 'x-request-id': _id, date: _date, ...headers } = res.headers;
  const body = res.body.replace(/"requestId":"req_[A-Za-z0-9_-]+"/, '"requestId":"*"');
  return { status: res.statusCode, body, headers };
}

describe('email codes (security)', () => {
  it('stores no plaintext code: the 6 digits appear in no item of the org', async () => {
    const { server, orgId } = await freshTenant(t.store);
    const email = uniqueEmail();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    await requestCode(t.app, { email, audience });
    const code = t.mail.codeFor(email);
    await verifyCode(t.app, { email, audience, code: otherCode(code) });

    const doc = DynamoDBDocumentClient.from(t.client);
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await doc.send(
        new ScanCommand({
          TableName: t.tableName,
          FilterExpression: 'begins_with(pk, :org)',
          ExpressionAttributeValues: { ':org': `ORG#${orgId}` },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    const codeItem = items.find((i) => String(i.pk).includes('#CODE#'));
    expect(codeItem).toBeDefined();
    expect(codeItem?.pk).toBe(`ORG#${orgId}#CODE#${emailHash(email)}`);
    expect(codeItem?.codeHmac).toBe(
      codeHmac(t.codeKey, `enduser:${orgId}:${server.serverId}`, email, code),
    );
    expect(JSON.stringify(items)).not.toContain(code);
  });

  it('binds a code to its audience: a code for server A is rejected at server B', async () => {
    const a = await freshTenant(t.store, 'Server A');
    const b = await t.store.servers.create(a.orgId, {
      slug: `b-${a.server.slug}`,
      name: 'B',
      access: 'public',
    });
    const email = uniqueEmail();
    await requestCode(t.app, { email, audience: { kind: 'enduser', serverSlug: a.server.slug } });
    const code = t.mail.codeFor(email);
    // Plant the very same HMAC at B: still useless, since the HMAC binds the audience.
    const stored = await t.store.emailCodes.get(
      { kind: 'enduser', orgId: a.orgId, serverId: a.server.serverId },
      email,
      t.clock.now(),
    );
    const bAudience = { kind: 'enduser', orgId: a.orgId, serverId: b.serverId } as const;
    await t.store.emailCodes.put(bAudience, {
      email,
      codeHmac: stored?.codeHmac ?? '',
      now: t.clock.now(),
      ttlSeconds: 600,
    });
    expect(audienceId(bAudience)).not.toBe(stored?.audience);

    const atB = await verifyCode(t.app, {
      email,
      audience: { kind: 'enduser', serverSlug: b.slug },
      code,
    });
    expect(atB.json().error.code).toBe('OTP_INVALID');
    const asMember = await verifyCode(t.app, {
      email,
      audience: { kind: 'member', orgId: a.orgId },
      code,
    });
    expect(asMember.json().error.code).toBe('OTP_INVALID');
    const atA = await verifyCode(t.app, {
      email,
      audience: { kind: 'enduser', serverSlug: a.server.slug },
      code,
    });
    expect(atA.statusCode).toBe(200);
  });

  it('answers known and unknown addresses identically, and mails only the member', async () => {
    const { orgId, member } = await freshTenant(t.store);
    const stranger = uniqueEmail('stranger');
    const ip = uniqueIp();
    const audience = { kind: 'member', orgId } as const;
    const known: LightMyRequestResponse[] = [];
    const unknown: LightMyRequestResponse[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await requestCode(t.app, { email: member, audience }, { ip }));
      unknown.push(await requestCode(t.app, { email: stranger, audience }, { ip }));
    }
    for (let i = 0; i < 4; i++)
      expect(comparable(unknown[i] as LightMyRequestResponse)).toEqual(
        comparable(known[i] as LightMyRequestResponse),
      );
    expect(known.map((r) => r.statusCode)).toEqual([202, 202, 202, 429]);
    // Same for an org that does not exist at all.
    const ghost = await requestCode(
      t.app,
      {
        email: uniqueEmail(),
        audience: { kind: 'member', orgId: 'org_0000000000000000000000000' },
      },
      { ip },
    );
    expect(comparable(ghost)).toEqual(comparable(known[0] as LightMyRequestResponse));

    expect(t.mail.sent.filter((m) => m.to === member)).toHaveLength(3);
    expect(t.mail.sent.filter((m) => m.to === stranger)).toHaveLength(0);
    // The never-mailed code of the stranger cannot be guessed into a member session either.
    const guess = await verifyCode(t.app, { email: stranger, audience, code: '000000' });
    expect(guess.json().error.code).toBe('OTP_INVALID');
  });

  it('escapes the server name in the HTML and keeps the code out of the subject', () => {
    const m = codeMessage({
      to: 'a@example.com',
      code: '123456',
      name: '<img src=x onerror=alert(1)>\r\nBcc: x@evil.test',
      expiresAt: new Date('2030-01-01T12:10:00Z'),
      ttlMinutes: 10,
    });
    expect(m.html).not.toContain('<img');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject).not.toContain('123456');
    expect(m.text).toContain('123456');
  });

  it('never logs codes or addresses', async () => {
    const { server } = await freshTenant(t.store);
    const email = uniqueEmail('secret');
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    await requestCode(t.app, { email, audience });
    const code = t.mail.codeFor(email);
    await verifyCode(t.app, { email, audience, code: otherCode(code) });
    await verifyCode(t.app, { email, audience, code: `${code}x` });
    await verifyCode(t.app, { email, audience, code });
    await requestCode(t.app, { email: `${email}@@`, audience });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('incoming request');
    expect(log).not.toContain(code);
    expect(log).not.toContain(email);
    expect(log).not.toContain(email.split('@')[0]);
  });
});
