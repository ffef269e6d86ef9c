import { resolve } from 'node:path';
import { SIGNUP_MODES, type SignupOptions } from '@portico/auth';
import { DEFAULT_DATA_DIR, envList, parseEnv } from '@portico/contracts';
import { parseHostGrants } from '@portico/net';
import { z } from 'zod';

/**
 * The local platform's environment, parsed once at boot. A bad value stops boot with a message
 * naming the variable.
 */
const EnvSchema = z.object({
  PORTICO_HOST: z.string().default('127.0.0.1'),
  PORTICO_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Where DynamoDB Local keeps its data, the key-encryption key and the demo credentials. */
  PORTICO_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** Use an already running DynamoDB (Local or AWS) instead of starting DynamoDB Local. */
  PORTICO_DYNAMODB_ENDPOINT: z.url().optional(),
  PORTICO_TABLE: z.string().min(3).default('portico'),
  /** Use an already running SES stand-in instead of starting one. */
  PORTICO_SES_ENDPOINT: z.url().optional(),
  /** `false` skips the demo organization and its Prism upstream. */
  PORTICO_DEMO: z.enum(['true', 'false']).default('true'),
  /**
   * How organizations sign up. `open` here (a single-user local stack, the e2e tests): the
   * control API's unverified POST /api/v1/orgs is on. `email` / `token` run the production flow
   * (codes arrive in the SES stand-in's mailbox).
   */
  PORTICO_SIGNUP: z.enum(SIGNUP_MODES).default('open'),
  /** The operator's sign-up token; required with PORTICO_SIGNUP=token. */
  PORTICO_SIGNUP_TOKEN: z.string().min(16).optional(),
  /**
   * Upstream hosts exempt from the gateway's SSRF rules, comma-separated: `slug=host:port` for
   * that server only, a bare `host:port` for every server (a single-user local stack). The demo's
   * Prism is granted to the demo servers on top (slug form).
   */
  PORTICO_ALLOW_UPSTREAM_HOSTS: envList.superRefine((entries, ctx) => {
    try {
      parseHostGrants(entries);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
});

const CheckedEnv = EnvSchema.superRefine((e, ctx) => {
  if (e.PORTICO_SIGNUP === 'token' && !e.PORTICO_SIGNUP_TOKEN) {
    ctx.addIssue({
      code: 'custom',
      path: ['PORTICO_SIGNUP_TOKEN'],
      message: 'required when PORTICO_SIGNUP=token',
    });
  }
  if (e.PORTICO_SIGNUP !== 'open' && e.PORTICO_DEMO === 'true') {
    ctx.addIssue({
      code: 'custom',
      path: ['PORTICO_SIGNUP'],
      message:
        'the demo signs up through POST /api/v1/orgs: set PORTICO_DEMO=false to use email or token',
    });
  }
});

export interface LocalConfig {
  host: string;
  port: number;
  dataDir: string;
  dynamoEndpoint?: string;
  tableName: string;
  sesEndpoint?: string;
  demo: boolean;
  /** `PORTICO_SIGNUP` and `PORTICO_SIGNUP_TOKEN`. */
  signup: SignupOptions;
  /** `PORTICO_ALLOW_UPSTREAM_HOSTS`, split (`slug=host:port` or `host:port` entries). */
  allowUpstreamHosts: string[];
}

/**
 * Parses `env` into a LocalConfig. Throws ConfigError listing each offending variable by name.
 * `cwd` anchors a relative data directory (pnpm runs scripts in the package folder; INIT_CWD is
 * where the user typed the command).
 */
export function parseLocalConfig(env: NodeJS.ProcessEnv, cwd: string): LocalConfig {
  const e = parseEnv(CheckedEnv, env);
  return {
    host: e.PORTICO_HOST,
    port: e.PORTICO_PORT,
    dataDir: resolve(cwd, e.PORTICO_DATA_DIR),
    dynamoEndpoint: e.PORTICO_DYNAMODB_ENDPOINT,
    tableName: e.PORTICO_TABLE,
    sesEndpoint: e.PORTICO_SES_ENDPOINT,
    demo: e.PORTICO_DEMO === 'true',
    signup: {
      mode: e.PORTICO_SIGNUP,
      ...(e.PORTICO_SIGNUP_TOKEN ? { token: e.PORTICO_SIGNUP_TOKEN } : {}),
    },
    allowUpstreamHosts: e.PORTICO_ALLOW_UPSTREAM_HOSTS,
  };
}
