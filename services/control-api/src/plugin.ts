import swagger from '@fastify/swagger';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '@portico/openapi-to-mcp';
import type { Store } from '@portico/store';
import type { FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authenticate } from './auth.js';
import type { Deps } from './context.js';
import { handleError, handleNotFound } from './errors.js';
import { registerV1ApiKeysCreate } from './routes/v1_apiKeys_create.js';
import { registerV1ApiKeysList } from './routes/v1_apiKeys_list.js';
import { registerV1ApiKeysRevoke } from './routes/v1_apiKeys_revoke.js';
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

/**
 * Default largest spec upload, bytes: the generator's own document limit (32 MiB; GitHub's
 * description is 13 MB), so a document the generator would refuse is refused before it is read.
 */
export const DEFAULT_MAX_SPEC_BYTES = DEFAULT_MAX_DOCUMENT_BYTES;

export interface ControlApiOptions {
  store: Store;
  signupToken?: string;
  maxSpecBytes?: number;
}

/**
 * The control API as an encapsulated fastify plugin; register it with `prefix: '/api/v1'`.
 * It brings its own zod compilers, error and not-found handlers (error vocabulary of
 * @portico/contracts), authentication, and its OpenAPI document at `<prefix>/openapi.json`.
 */
export async function controlApi(app: FastifyInstance, opts: ControlApiOptions): Promise<void> {
  const deps: Deps = {
    store: opts.store,
    maxSpecBytes: opts.maxSpecBytes ?? DEFAULT_MAX_SPEC_BYTES,
    ...(opts.signupToken ? { signupToken: opts.signupToken } : {}),
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
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
        description: 'Organizations, servers, spec versions, upstream configuration and API keys.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer ptk_...' },
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
    authed.addHook('onRequest', authenticate(deps));
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
  });
}
