import type { FastifyReply } from 'fastify';
import type { OAuthDeps } from '../oauth/context.js';
import { formParams } from '../oauth/form.js';
import { codePage, consentPage, emailPage, errorPage, PAGE_HEADERS } from '../oauth/pages.js';
import { familyLimit } from '../rate-limit.js';
import { continueAuthorization } from '../verbs/oauth/authorize/continue.js';
import type { AuthorizeOutcome } from '../verbs/oauth/authorize/outcome.js';
import { startAuthorization } from '../verbs/oauth/authorize/start.js';
import { type App, verbContext } from './app-type.js';

/** The page of an outcome, or a 302 to the client with `iss` (RFC 9207 section 2). */
function answer(reply: FastifyReply, deps: OAuthDeps, outcome: AuthorizeOutcome): FastifyReply {
  if (outcome.kind === 'redirect') {
    const url = new URL(outcome.redirectUri);
    for (const [k, v] of Object.entries(outcome.params)) {
      if (v !== undefined) url.searchParams.set(k, v);
    }
    url.searchParams.set('iss', deps.issuer);
    return reply.code(302).header('location', url.toString()).send();
  }
  const html =
    outcome.kind === 'error'
      ? errorPage(outcome.message)
      : outcome.kind === 'email'
        ? emailPage(outcome.flow, outcome.sealed, outcome.notice)
        : outcome.kind === 'code'
          ? codePage(outcome.flow, outcome.sealed, outcome.notice)
          : consentPage(outcome.flow, outcome.sealed);
  return reply.code(outcome.status).headers(PAGE_HEADERS).send(html);
}

/**
 * GET /auth/authorize (OAuth 2.1 section 4.1.1) renders the sign-in page (startAuthorization);
 * POST /auth/authorize carries each step (email, code, consent: continueAuthorization) and
 * finally redirects with `code`, `state`, `iss`.
 */
export function registerOAuthAuthorize(app: App, deps: OAuthDeps): void {
  const rateLimit = familyLimit('authorize', deps.rateLimits);
  app.get('/authorize', { config: { rateLimit } }, async (req, reply) =>
    answer(reply, deps, await startAuthorization(deps, formParams(req.query))),
  );
  app.post('/authorize', { config: { rateLimit } }, async (req, reply) => {
    const { flow, email, code, decision } = formParams(req.body);
    const input = { flow, email, code, decision };
    return answer(reply, deps, await continueAuthorization(deps, { ctx: verbContext(req), input }));
  });
}
