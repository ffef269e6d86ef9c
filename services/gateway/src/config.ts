import { join } from 'node:path';
import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import { DATA_FILES, DEFAULT_DATA_DIR, envList, envLogLevel, parseEnv } from '@portico/contracts';
import { parseHostGrants } from '@portico/net';
import { z } from 'zod';

/**
 * The standalone gateway's environment (the PORTICO_* scheme every service shares), parsed once
 * at boot by {@link gatewayConfig}.
 */
const EnvSchema = z.object({
  PORTICO_HOST: z.string().min(1).default('127.0.0.1'),
  PORTICO_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** DynamoDB endpoint override (DynamoDB Local); absent: AWS with the default credential chain. */
  PORTICO_DYNAMODB_ENDPOINT: z.url().optional(),
  PORTICO_TABLE: z.string().min(3).max(255).default('portico'),
  /** File holding the 32-byte key-encryption key of sealed upstream credentials (created if absent). */
  PORTICO_KEK_PATH: z.string().min(1).default(join(DEFAULT_DATA_DIR, DATA_FILES.kek)),
  /** `slug=host:port` grants one server, a bare `host:port` every server (see the README). */
  PORTICO_ALLOW_UPSTREAM_HOSTS: envList.superRefine((entries, ctx) => {
    try {
      parseHostGrants(entries);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  /** Overall deadline of one upstream call, ms. */
  PORTICO_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Comma-separated browser origins allowed besides same-origin (Origin check, 403 otherwise). */
  PORTICO_ALLOWED_ORIGINS: envList,
  /** Comma-separated Host names served; default: the localhost names when PORTICO_HOST is loopback. */
  PORTICO_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ?.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  PORTICO_LOG_LEVEL: envLogLevel,
});

export interface GatewayConfig {
  host: string;
  port: number;
  dynamoEndpoint?: string;
  tableName: string;
  kekPath: string;
  allowUpstreamHosts: string[];
  upstreamTimeoutMs: number;
  allowedOrigins: string[];
  /** Host names served; `undefined` accepts any Host (a public deployment behind a load balancer). */
  allowedHosts?: string[];
  logLevel: string;
}

/**
 * The gateway's configuration from `env` (normally `process.env`). Bound to a loopback address,
 * DNS rebinding is the threat, so the Host check defaults to the localhost names there. Throws
 * ConfigError naming every bad variable (`PORTICO_PORT: Too big: ...`): boot stops.
 */
export function gatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const e = parseEnv(EnvSchema, env);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(e.PORTICO_HOST);
  const allowedHosts =
    e.PORTICO_ALLOWED_HOSTS ?? (loopback ? localhostAllowedHostnames() : undefined);
  return {
    host: e.PORTICO_HOST,
    port: e.PORTICO_PORT,
    ...(e.PORTICO_DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.PORTICO_DYNAMODB_ENDPOINT } : {}),
    tableName: e.PORTICO_TABLE,
    kekPath: e.PORTICO_KEK_PATH,
    allowUpstreamHosts: e.PORTICO_ALLOW_UPSTREAM_HOSTS,
    upstreamTimeoutMs: e.PORTICO_UPSTREAM_TIMEOUT_MS,
    allowedOrigins: e.PORTICO_ALLOWED_ORIGINS,
    ...(allowedHosts ? { allowedHosts } : {}),
    logLevel: e.PORTICO_LOG_LEVEL,
  };
}
