import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import { parseHostGrants } from '@portico/net';
import { createDynamoClient, createStore, ensureTable, loadOrCreateKek } from '@portico/store';
import { z } from 'zod';
import { buildApp } from './app.js';

/**
 * Standalone gateway: `node dist/main.js`. The environment is parsed once at boot; a bad value
 * stops boot with a message naming the variable.
 */
function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  TABLE_NAME: z.string().min(1).default('portico'),
  KEK_PATH: z.string().min(1).default('.portico/kek'),
  /** `slug=host:port` grants one server, a bare `host:port` every server (see the README). */
  PORTICO_ALLOW_UPSTREAM_HOSTS: z
    .string()
    .default('')
    .transform(list)
    .superRefine((entries, ctx) => {
      try {
        parseHostGrants(entries);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Comma-separated browser origins allowed besides same-origin (Origin check, 403 otherwise). */
  ALLOWED_ORIGINS: z.string().default('').transform(list),
  /** Comma-separated Host names served; default: the localhost names when HOST is loopback. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : list(v))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  console.error(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  process.exit(1);
}
const env = parsed.data;
const client = createDynamoClient(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
if (env.DYNAMODB_ENDPOINT) await ensureTable(client, env.TABLE_NAME);
const store = createStore({
  client,
  tableName: env.TABLE_NAME,
  kek: await loadOrCreateKek(env.KEK_PATH),
});
// Bound to loopback, DNS rebinding is the threat: answer only to the localhost names by default.
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(env.HOST);
const allowedHosts = env.ALLOWED_HOSTS ?? (loopback ? localhostAllowedHostnames() : undefined);
const app = await buildApp({
  store,
  allowedOrigins: env.ALLOWED_ORIGINS,
  ...(allowedHosts ? { allowedHosts } : {}),
  logger: { level: env.LOG_LEVEL },
  upstream: { allowHosts: env.PORTICO_ALLOW_UPSTREAM_HOSTS, timeoutMs: env.UPSTREAM_TIMEOUT_MS },
});
await app.listen({ host: env.HOST, port: env.PORT });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
