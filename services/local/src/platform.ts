import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import {
  buildApp as buildAuth,
  type CimdOptions,
  type SignupOptions,
  sesEmailSender,
} from '@portico/auth';
import { DATA_FILES } from '@portico/contracts';
import { buildApp as buildControlApi } from '@portico/control-api';
import { startDynamoDbLocal, startSesLocal } from '@portico/devkit';
import { buildApp as buildGateway } from '@portico/gateway';
import {
  createDynamoClient,
  createStore,
  ensureTable,
  loadOrCreateKek,
  type Store,
} from '@portico/store';
import { createAesGcmSealer, createFileKeyStore, createTokenService } from '@portico/tokens';
import type { FastifyInstance } from 'fastify';
import { buildHome } from './home.js';
import { createOrigin, type Mount } from './origin.js';

export interface PlatformOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  tableName: string;
  /** Use this DynamoDB endpoint; otherwise DynamoDB Local is started (data under dataDir). */
  dynamoEndpoint?: string;
  /** Keep DynamoDB Local's data in memory instead of under dataDir (tests). */
  inMemory?: boolean;
  /** Use this SES endpoint; otherwise the SES stand-in is started on 127.0.0.1. */
  sesEndpoint?: string;
  /**
   * Upstream hosts exempt from the gateway's SSRF rules: `slug=host:port` for that server only
   * (the demo's Prism), a bare `host:port` for every server.
   */
  allowUpstreamHosts?: string[];
  /** Browser origins allowed to call MCP endpoints besides same-origin (e.g. MCP Inspector's UI). */
  allowedOrigins?: string[];
  /**
   * How the auth service fetches Client ID Metadata Documents: hosts exempt from its SSRF rules
   * and an extra CA to trust (tests serving a document from 127.0.0.1 with a self-signed cert).
   */
  cimd?: CimdOptions;
  /**
   * How organizations sign up (PORTICO_SIGNUP). Default `open`: a local stack and its tests create
   * orgs with the control API's unverified POST /api/v1/orgs.
   */
  signup?: SignupOptions;
  logger?: boolean;
}

/** A running local platform. `url` is the one origin every service answers on. */
export interface Platform {
  url: string;
  store: Store;
  dynamoEndpoint: string;
  sesEndpoint: string;
  controlApi: FastifyInstance;
  gateway: FastifyInstance;
  auth: FastifyInstance;
  /** Stops the HTTP server, the services, and every stand-in this platform started. */
  stop(): Promise<void>;
}

/**
 * Boots the whole platform in this process on embedded defaults: DynamoDB Local and the SES
 * stand-in (unless endpoints are given), the table, the key-encryption key, the gateway and the
 * control API and the auth service behind one origin (`/s/...` gateway, `/api/v1/...` control
 * API, `/auth/...` and `/.well-known/...` auth, `/` home). Signing keys and the email-code key are
 * kept under dataDir.
 * Throws if a stand-in cannot start (e.g. no Java for DynamoDB Local).
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  mkdirSync(options.dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  try {
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      const ddb = await startDynamoDbLocal(
        options.inMemory ? {} : { dbPath: join(options.dataDir, 'dynamodb') },
      );
      stops.push(ddb.stop);
      dynamoEndpoint = ddb.endpoint;
    }
    let sesEndpoint = options.sesEndpoint;
    if (!sesEndpoint) {
      const ses = await startSesLocal();
      stops.push(ses.stop);
      sesEndpoint = ses.endpoint;
    }
    const client = createDynamoClient({ endpoint: dynamoEndpoint });
    await ensureTable(client, options.tableName);
    const kek = await loadOrCreateKek(join(options.dataDir, DATA_FILES.kek));
    const store = createStore({ client, tableName: options.tableName, kek });

    // Listen first: the services need the origin (token issuer, MCP resource URLs) and port 0
    // only becomes a port once bound. Mounts are added right after, before the URL is handed out.
    const mounts: Mount[] = [];
    const server = createOrigin(mounts);
    await listen(server, options.host, options.port);
    stops.unshift(() => closeServer(server));
    const { port } = server.address() as AddressInfo;
    const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

    const tokens = createTokenService({
      keyStore: createFileKeyStore(join(options.dataDir, DATA_FILES.signingKeys)),
      sealer: createAesGcmSealer(kek),
      issuer: url,
    });
    await tokens.ensureKey();
    const email = sesEmailSender({
      from: 'Portico <no-reply@portico.local>',
      endpoint: sesEndpoint,
    });
    const logger = options.logger ?? false;
    const signup = options.signup ?? { mode: 'open' };
    // Member session tokens are minted by the auth service on this origin for `${url}/api/v1`.
    const controlApi = await buildControlApi({
      store,
      signup: signup.mode,
      logger,
      tokens,
      issuer: url,
      publicOrigin: url,
    });
    const gateway = await buildGateway({
      store,
      logger,
      tokens,
      publicOrigin: url,
      upstream: { allowHosts: options.allowUpstreamHosts ?? [] },
      allowedOrigins: options.allowedOrigins ?? [],
      // On loopback, DNS rebinding is the threat: answer only to the localhost names.
      ...(isLoopback(options.host) ? { allowedHosts: localhostAllowedHostnames() } : {}),
    });
    const auth = await buildAuth({
      store,
      ...(options.cimd ? { cimd: options.cimd } : {}),
      email,
      codeKey: await loadOrCreateKek(join(options.dataDir, DATA_FILES.codeKey)),
      tokens,
      issuer: url,
      publicOrigin: url,
      signup,
      logger,
    });
    const home = await buildHome();
    await Promise.all([controlApi.ready(), gateway.ready(), auth.ready(), home.ready()]);
    stops.unshift(async () => {
      await closeAll([controlApi, gateway, auth, home]);
      email.close();
    });
    mounts.push(
      { prefixes: ['/s/'], app: gateway },
      { prefixes: ['/api/'], app: controlApi },
      { prefixes: ['/auth/', '/.well-known/'], app: auth },
      { prefixes: ['/'], app: home },
    );

    return {
      url,
      store,
      dynamoEndpoint,
      sesEndpoint,
      controlApi,
      gateway,
      auth,
      stop: () => runStops(stops),
    };
  } catch (err) {
    await runStops(stops);
    throw err;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function runStops(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.splice(0)) await stop().catch(() => undefined);
}

async function closeAll(apps: FastifyInstance[]): Promise<void> {
  await Promise.all(apps.map((app) => app.close()));
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
