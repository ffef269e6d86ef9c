import { randomBytes } from 'node:crypto';
import { PorticoError } from '@portico/contracts';
import { normalizeEmail } from '@portico/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ResolvedClient, resolveClient } from '../oauth/clients.js';
import {
  grantableScope,
  type OAuthDeps,
  resourceUrl,
  serverForResource,
} from '../oauth/context.js';
import type { OAuthErrorCode } from '../oauth/errors.js';
import { type FlowState, openFlow, sealFlow } from '../oauth/flow.js';
import { formParams } from '../oauth/form.js';
import { codePage, consentPage, emailPage, errorPage, PAGE_HEADERS } from '../oauth/pages.js';
import { redirectUriMatches } from '../oauth/redirect.js';
import { familyLimit } from '../rate-limit.js';
import { decideConsent } from '../verbs/authorize/consent.js';
import { requestCode } from '../verbs/codes/request.js';
import { verifyCode } from '../verbs/codes/verify.js';
import { type App, verbContext } from './app-type.js';

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function page(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(PAGE_HEADERS).send(html);
}

/** 302 to the client with `iss` (RFC 9207 section 2) and `state` (RFC 6749 section 4.1.2). */
function toClient(
  reply: FastifyReply,
  deps: OAuthDeps,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  url.searchParams.set('iss', deps.issuer);
  return reply.code(302).header('location', url.toString()).send();
}

type Query = Record<string, string>;

/**
 * The resource to authorize (RFC 8707 section 2): the one asked for, or, for a client an org
 * registered for one of its servers, that server's canonical URL when none is asked for (the
 * "pre-defined default resource"). A bound client never gets another server's. Undefined when
 * there is none or a bound client asks for another.
 */
async function resourceFor(
  deps: OAuthDeps,
  client: ResolvedClient,
  asked: string | undefined,
): Promise<string | undefined> {
  if (!client.boundTo) return asked || undefined;
  const server = await deps.store.servers.get(client.boundTo.orgId, client.boundTo.serverId);
  if (!server) return undefined;
  const own = resourceUrl(deps.publicOrigin, server.slug);
  return !asked || asked === own ? own : undefined;
}

/**
 * Validates an authorization request (OAuth 2.1 section 4.1.1). Client and redirect URI problems
 * (including every reason a Client ID Metadata Document cannot be used) are shown on the page,
 * never redirected (RFC 6749 section 4.1.2.1); the rest go back to the client as `error` (PKCE
 * S256 required, RFC 8707 `resource` naming one of our servers, or the bound server by default).
 */
async function startFlow(deps: OAuthDeps, q: Query, reply: FastifyReply): Promise<FastifyReply> {
  const resolved = await resolveClient(deps, q.client_id);
  if (!resolved.ok) {
    return page(reply, 400, errorPage(`This app cannot sign you in: ${resolved.reason}.`));
  }
  const { client } = resolved;
  const redirectUri = q.redirect_uri;
  if (!redirectUri || !redirectUriMatches(client.redirectUris, redirectUri)) {
    return page(reply, 400, errorPage('The redirect_uri is not registered for this client.'));
  }
  const fail = (error: OAuthErrorCode, description: string) =>
    toClient(reply, deps, redirectUri, { error, error_description: description, state: q.state });
  if (q.response_type !== 'code')
    return fail('unsupported_response_type', 'response_type must be code');
  if (q.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  if (!q.code_challenge || !CHALLENGE.test(q.code_challenge)) {
    return fail('invalid_request', 'code_challenge (S256, 43 characters) is required');
  }
  const resource = await resourceFor(deps, client, q.resource);
  if (!resource) {
    return fail(
      'invalid_target',
      client.boundTo
        ? 'this client may only get tokens for its own server'
        : 'resource is required (RFC 8707)',
    );
  }
  const server = await serverForResource(deps, resource);
  if (!server)
    return fail('invalid_target', 'resource is not a server of this authorization server');
  const scope = grantableScope(q.scope);
  if (!scope) return fail('invalid_scope', 'unsupported scope');
  const flow: Omit<FlowState, 'exp'> = {
    step: 'email',
    flowId: randomBytes(16).toString('base64url'),
    clientId: client.clientId,
    clientName: client.name,
    clientKind: client.kind,
    ...(client.host ? { clientHost: client.host } : {}),
    redirectUri,
    codeChallenge: q.code_challenge,
    ...(q.state !== undefined ? { state: q.state } : {}),
    resource,
    scope,
    serverSlug: server.slug,
    serverName: server.name,
  };
  const sealed = sealFlow(deps.flowKey, flow, deps.now());
  return page(reply, 200, emailPage({ ...flow, exp: 0 }, sealed));
}

/** One POST of the page: the sealed flow's step says what the form carries. */
async function continueFlow(
  deps: OAuthDeps,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = formParams(req.body);
  const now = deps.now();
  const flow = openFlow(deps.flowKey, body.flow, now);
  if (!flow) {
    return page(
      reply,
      400,
      errorPage('This sign-in has expired or is invalid. Start again from your app.'),
    );
  }
  const ctx = verbContext(req);
  const audience = { kind: 'enduser', serverSlug: flow.serverSlug } as const;
  const next = (f: FlowState): string => sealFlow(deps.flowKey, { ...f, exp: flow.exp }, now);

  if (flow.step === 'email') {
    const email = (body.email ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
      return page(reply, 400, emailPage(flow, body.flow ?? '', 'Enter a valid email address.'));
    }
    try {
      await requestCode(deps, { ctx, input: { email, audience } });
    } catch (err) {
      if (!(err instanceof PorticoError)) throw err;
      const status = err.code === 'RATE_LIMITED' ? 429 : 400;
      return page(
        reply,
        status,
        emailPage(flow, body.flow ?? '', 'Too many codes were requested. Try again later.'),
      );
    }
    const f: FlowState = { ...flow, step: 'code', email: normalizeEmail(email) };
    return page(reply, 200, codePage(f, next(f)));
  }

  if (flow.step === 'code') {
    const code = (body.code ?? '').trim();
    try {
      if (!/^\d{6}$/.test(code)) throw new PorticoError('OTP_INVALID', 'invalid code');
      const verified = await verifyCode(deps, {
        ctx,
        input: { email: flow.email ?? '', audience, code },
      });
      const f: FlowState = { ...flow, step: 'consent', email: verified.email };
      return page(reply, 200, consentPage(f, next(f)));
    } catch (err) {
      if (!(err instanceof PorticoError)) throw err;
      if (err.code === 'OTP_INVALID') {
        return page(
          reply,
          400,
          codePage(flow, body.flow ?? '', 'That code is not right. Check it and try again.'),
        );
      }
      const f: FlowState = { ...flow, step: 'email' };
      return page(
        reply,
        400,
        emailPage(f, next(f), 'That code can no longer be used. Request a new one.'),
      );
    }
  }

  const result = await decideConsent(deps, {
    ctx,
    input: { flow, decision: body.decision === 'approve' ? 'approve' : 'deny' },
  });
  if (result.kind === 'redirect') return toClient(reply, deps, flow.redirectUri, result.params);
  return page(
    reply,
    400,
    errorPage(
      result.reason === 'replayed'
        ? 'This sign-in was already completed. Start again from your app.'
        : 'This server no longer exists.',
    ),
  );
}

/**
 * GET /auth/authorize (OAuth 2.1 section 4.1.1) renders the sign-in page; POST /auth/authorize
 * carries each step (email, code, consent) and finally redirects with `code`, `state`, `iss`; the
 * consent step is single use (decideConsent).
 */
export function registerOAuthAuthorize(app: App, deps: OAuthDeps): void {
  const rateLimit = familyLimit('authorize', deps.rateLimits);
  app.get('/authorize', { config: { rateLimit } }, async (req, reply) =>
    startFlow(deps, formParams(req.query), reply),
  );
  app.post('/authorize', { config: { rateLimit } }, async (req, reply) =>
    continueFlow(deps, req, reply),
  );
}
