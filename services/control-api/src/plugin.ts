import swagger from '@fastify/swagger';
import { installErrorHandling } from '@portico/contracts';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '@portico/openapi-to-mcp';
import { DEFAULT_STORAGE_LIMITS, type StorageLimits, type Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authenticate } from './auth.js';
import type { Deps } from './context.js';
import { authorize, requirePermission } from './permissions.js';
import { registerV1ApiKeysCreate } from './routes/v1_apiKeys_create.js';
import { registerV1ApiKeysList } from './routes/v1_apiKeys_list.js';
import { registerV1ApiKeysRevoke } from './routes/v1_apiKeys_revoke.js';
import { registerV1AuthEventsList } from './routes/v1_authEvents_list.js';
import { registerV1EndUsersDelete } from './routes/v1_endUsers_delete.js';
import { registerV1EndUsersGet } from './routes/v1_endUsers_get.js';
import { registerV1EndUsersList } from './routes/v1_endUsers_list.js';
import { registerV1MembersCreate } from './routes/v1_members_create.js';
import { registerV1MembersDelete } from './routes/v1_members_delete.js';
import { registerV1MembersList } from './routes/v1_members_list.js';
import { registerV1MembersUpdate } from './routes/v1_members_update.js';
import { registerV1OAuthClientsCreate } from './routes/v1_oauthClients_create.js';
import { registerV1OAuthClientsDelete } from './routes/v1_oauthClients_delete.js';
import { registerV1OAuthClientsList } from './routes/v1_oauthClients_list.js';
import { registerV1OrgGet } from './routes/v1_org_get.js';
import { registerV1OrgsCreate } from './routes/v1_orgs_create.js';
import { registerV1ServersCreate } from './routes/v1_servers_create.js';
import { registerV1ServersGet } from './routes/v1_servers_get.js';
import { registerV1ServersList } from './routes/v1_servers_list.js';
import { registerV1ServersUpdate } from './routes/v1_servers_update.js';
import { registerV1ToolConfigGet } from './routes/v1_toolConfig_get.js';
import { registerV1ToolConfigPut } from './routes/v1_toolConfig_put.js';
import { registerV1ToolsList } from './routes/v1_tools_list.js';
import { registerV1UpstreamGet } from './routes/v1_upstream_get.js';
import { registerV1UpstreamPut } from './routes/v1_upstream_put.js';
import { registerV1VersionsActivate } from './routes/v1_versions_activate.js';
import { registerV1VersionsGet } from './routes/v1_versions_get.js';
import { registerV1VersionsList } from './routes/v1_versions_list.js';
import { registerV1VersionsUpload } from './routes/v1_versions_upload.js';
import type { ControlApiSignupMode } from './verbs/orgs/signup-mode.js';

/**
 * Default largest spec upload, bytes: the generator's own document limit (32 MiB; GitHub's
 * description is 13 MB), so a document the generator would refuse is refused before it is read.
 */
export const DEFAULT_MAX_SPEC_BYTES = DEFAULT_MAX_DOCUMENT_BYTES;

/** The control API's own path: a member session token's `aud` is `${publicOrigin}${CONTROL_API_PATH}`. */
export const CONTROL_API_PATH = '/api/v1';

export interface ControlApiOptions {
  store: Store;
  /**
   * PORTICO_SIGNUP. Only `open` serves the unverified POST /api/v1/orgs (local stack, tests);
   * `email` (the default) and `token` answer it 403: orgs sign up through the auth service.
   */
  signup?: ControlApiSignupMode;
  /** When set, signup (POST /api/v1/orgs) requires header `x-portico-signup-token`. */
  signupToken?: string;
  /** Largest spec upload in bytes, as sent and after gzip decoding. Default 32 MiB (DEFAULT_MAX_DOCUMENT_BYTES). */
  maxSpecBytes?: number;
  /**
   * Storage limits, each defaulting to DEFAULT_STORAGE_LIMITS (20 versions kept per server,
   * 256 MiB of stored spec versions per org). Throws at registration on a value below the minimum
   * (2 versions, 1 MiB).
   */
  storageLimits?: Partial<StorageLimits>;
  /**
   * Verifies member session tokens (`typ: portico-session+jwt`). With `issuer` and `publicOrigin`;
   * without the three, only org API keys are accepted.
   */
  tokens?: Pick<TokenService, 'verify'>;
  /** The only `iss` accepted on session tokens (the auth service's issuer). */
  issuer?: string;
  /** The canonical origin (`https://portico.example`); session tokens' `aud` must be `${publicOrigin}/api/v1`. */
  publicOrigin?: string;
}

/** The session verification settings, or undefined when none; throws (a config bug) when partial. */
function sessionsOf(opts: ControlApiOptions): Deps['sessions'] {
  const given = [opts.tokens, opts.issuer, opts.publicOrigin].filter((v) => v !== undefined);
  if (given.length === 0) return undefined;
  if (!opts.tokens || !opts.issuer || !opts.publicOrigin) {
    throw new Error(
      'control API: tokens, issuer and publicOrigin are given together or not at all',
    );
  }
  return {
    tokens: opts.tokens,
    issuer: opts.issuer,
    audience: `${opts.publicOrigin.replace(/\/+$/, '')}${CONTROL_API_PATH}`,
  };
}

/** The storage limits with defaults filled in; throws (a config bug) on values below the minimum. */
export function storageLimitsOf(given: Partial<StorageLimits> = {}): StorageLimits {
  const limits = { ...DEFAULT_STORAGE_LIMITS, ...given };
  if (!Number.isInteger(limits.maxVersionsPerServer) || limits.maxVersionsPerServer < 2) {
    throw new Error('control API: storageLimits.maxVersionsPerServer must be an integer >= 2');
  }
  if (!Number.isInteger(limits.maxStoredBytesPerOrg) || limits.maxStoredBytesPerOrg < 1024 * 1024) {
    throw new Error('control API: storageLimits.maxStoredBytesPerOrg must be an integer >= 1 MiB');
  }
  return limits;
}

/**
 * The control API as an encapsulated fastify plugin; register it with `prefix: '/api/v1'`.
 * It brings its own zod compilers, error and not-found handlers (error vocabulary of
 * @portico/contracts), authentication (org API keys; member session tokens when `tokens`,
 * `issuer` and `publicOrigin` are given), role checks (each route's `config.permission`), and its
 * OpenAPI document at `<prefix>/openapi.json`. Throws at registration on partial session options.
 */
export async function controlApi(app: FastifyInstance, opts: ControlApiOptions): Promise<void> {
  const sessions = sessionsOf(opts);
  const deps: Deps = {
    store: opts.store,
    maxSpecBytes: opts.maxSpecBytes ?? DEFAULT_MAX_SPEC_BYTES,
    storageLimits: storageLimitsOf(opts.storageLimits),
    signup: opts.signup ?? 'email',
    ...(opts.signupToken ? { signupToken: opts.signupToken } : {}),
    ...(sessions ? { sessions } : {}),
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, {
    wire: 'http',
    notFound: true,
    unauthenticatedHeaders: { 'www-authenticate': 'Bearer realm="portico"' },
    validationContext: true,
  });
  app.decorateRequest('controlApiAuth', null);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Portico control API',
        version: '1.0.0',
        description:
          'Organizations, members, servers, spec versions, tools, upstream configuration, API keys, OAuth clients, end users and auth events.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Authorization: Bearer ptk_... (org API key, acts as admin) or Bearer <member session token> (portico-session+jwt, acts with the member role)',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const zapp = app.withTypeProvider<ZodTypeProvider>();
  registerV1OrgsCreate(zapp, deps);
  await zapp.register(async (authed) => {
    authed.addHook('onRoute', requirePermission);
    authed.addHook('onRequest', authenticate(deps));
    authed.addHook('onRequest', authorize);
    registerV1OrgGet(authed, deps);
    registerV1ApiKeysCreate(authed, deps);
    registerV1ApiKeysList(authed, deps);
    registerV1ApiKeysRevoke(authed, deps);
    registerV1ServersCreate(authed, deps);
    registerV1ServersList(authed, deps);
    registerV1ServersGet(authed, deps);
    registerV1ServersUpdate(authed, deps);
    registerV1VersionsUpload(authed, deps);
    registerV1VersionsList(authed, deps);
    registerV1VersionsGet(authed, deps);
    registerV1VersionsActivate(authed, deps);
    registerV1ToolsList(authed, deps);
    registerV1ToolConfigGet(authed, deps);
    registerV1ToolConfigPut(authed, deps);
    registerV1UpstreamPut(authed, deps);
    registerV1UpstreamGet(authed, deps);
    registerV1MembersList(authed, deps);
    registerV1MembersCreate(authed, deps);
    registerV1MembersUpdate(authed, deps);
    registerV1MembersDelete(authed, deps);
    registerV1EndUsersList(authed, deps);
    registerV1EndUsersGet(authed, deps);
    registerV1EndUsersDelete(authed, deps);
    registerV1AuthEventsList(authed, deps);
    registerV1OAuthClientsCreate(authed, deps);
    registerV1OAuthClientsList(authed, deps);
    registerV1OAuthClientsDelete(authed, deps);
  });
}
