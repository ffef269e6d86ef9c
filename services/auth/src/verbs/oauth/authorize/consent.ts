import { randomBytes } from 'node:crypto';
import { emailHash } from '@portico/store';
import type { VerbArgs } from '../../../context.js';
import {
  AUTH_CODE_SECONDS,
  type OAuthDeps,
  serverForResource,
  sha256Hex,
} from '../../../oauth/context.js';
import type { FlowState } from '../../../oauth/flow.js';

export interface ConsentInput {
  /** The opened flow state of the consent step (its email is proven by a verified code). */
  flow: FlowState;
  /** The button pressed. */
  decision: 'approve' | 'deny';
}

/** Where the page goes next: back to the client with these parameters, or an error page. */
export type ConsentResult =
  | { kind: 'redirect'; params: Record<string, string | undefined> }
  | { kind: 'refused'; reason: 'replayed' | 'no_server' };

/**
 * The consent step of the authorize page (OAuth 2.1 section 4.1.1, 4.1.2): the flow state is
 * consumed first (store.flowStates.consume, one conditional write), so one flow yields at most
 * one outcome, whichever is pressed. A replay of a consumed state (a second post, a parallel
 * one, or the same form minutes later) is refused and recorded as `code_replayed` with reason
 * `consent_replayed` in the server's org. An approval stores a single-use authorization code
 * (60 s, only its SHA-256) and answers `code` and `state`; a denial answers `access_denied`.
 * Never throws for a replay: the route shows the result as a page.
 */
export async function decideConsent(
  deps: OAuthDeps,
  { ctx, input }: VerbArgs<ConsentInput>,
): Promise<ConsentResult> {
  const { flow } = input;
  const now = deps.now();
  const server = await serverForResource(deps, flow.resource);
  const first =
    flow.step === 'consent' && flow.flowId !== undefined && flow.email !== undefined
      ? await deps.store.flowStates.consume(flow.flowId, { now, expiresAt: flow.exp })
      : false;
  if (!first) {
    if (server) {
      await deps.store.authEvents.record(server.orgId, {
        type: 'code_replayed',
        reason: 'consent_replayed',
        at: now,
        serverId: server.serverId,
        clientId: flow.clientId,
        ...(flow.email ? { subject: emailHash(flow.email) } : {}),
        ip: ctx.ip,
        ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
      });
    }
    return { kind: 'refused', reason: 'replayed' };
  }
  if (input.decision === 'deny') {
    return {
      kind: 'redirect',
      params: {
        error: 'access_denied',
        error_description: 'the user denied the request',
        state: flow.state,
      },
    };
  }
  if (!server || !flow.email) return { kind: 'refused', reason: 'no_server' };
  const code = randomBytes(32).toString('base64url');
  await deps.store.authCodes.put({
    codeHash: sha256Hex(code),
    clientId: flow.clientId,
    redirectUri: flow.redirectUri,
    codeChallenge: flow.codeChallenge,
    resource: flow.resource,
    orgId: server.orgId,
    serverId: server.serverId,
    sub: emailHash(flow.email),
    scope: flow.scope,
    now,
    ttlSeconds: AUTH_CODE_SECONDS,
  });
  return { kind: 'redirect', params: { code, state: flow.state } };
}
