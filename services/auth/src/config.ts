import { join } from 'node:path';
import { DATA_FILES, DEFAULT_DATA_DIR, envLogLevel, parseEnv } from '@portico/contracts';
import { z } from 'zod';
import { SIGNUP_MODES, type SignupOptions } from './signup.js';

/** A key file in the default data folder (`.portico/<name>`), when no path is configured. */
const dataFile = (name: string): string => join(DEFAULT_DATA_DIR, name);

/**
 * The auth service's environment (the PORTICO_* scheme every service shares), parsed once at
 * boot (src/main.ts). A bad value stops boot with a message naming the variable.
 */
const EnvSchema = z
  .object({
    PORTICO_HOST: z.string().min(1).default('127.0.0.1'),
    PORTICO_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
    /** DynamoDB endpoint override (DynamoDB Local); absent: AWS with the default credential chain. */
    PORTICO_DYNAMODB_ENDPOINT: z.url().optional(),
    PORTICO_TABLE: z.string().min(3).max(255).default('portico'),
    /** The AWS SDK's own variable. */
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** SES endpoint override (the SES stand-in, with dummy credentials); absent: AWS SES. */
    PORTICO_SES_ENDPOINT: z.url().optional(),
    PORTICO_SES_REGION: z.string().min(1).optional(),
    /** Verified sender, e.g. `Portico <no-reply@example.com>`. */
    PORTICO_SES_FROM: z.string().min(3),
    /** File holding the code HMAC key (created, 0600, if absent; base64 or raw, >= 32 bytes). */
    PORTICO_CODE_KEY_PATH: z.string().min(1).default(dataFile(DATA_FILES.codeKey)),
    /** File holding the 32-byte key-encryption key the store needs (same format, created if absent). */
    PORTICO_KEK_PATH: z.string().min(1).default(dataFile(DATA_FILES.kek)),
    /** The public origin MCP servers and the auth endpoints are reached at (no trailing slash). */
    PORTICO_PUBLIC_ORIGIN: z.url().default('http://127.0.0.1:4100'),
    /** The OAuth issuer (RFC 8414); default: PORTICO_PUBLIC_ORIGIN. */
    PORTICO_ISSUER: z.url().optional(),
    /** File of the sealed ES256 signing keys (created when absent). */
    PORTICO_SIGNING_KEYS_PATH: z.string().min(1).default(dataFile(DATA_FILES.signingKeys)),
    /** fastify trustProxy: `true`, or comma-separated proxy addresses/CIDRs (the ALB subnets). */
    PORTICO_TRUST_PROXY: z.string().optional(),
    PORTICO_LOG_LEVEL: envLogLevel,
    /** How organizations sign up: `email` (verified), `token` (verified + operator token), `open`. */
    PORTICO_SIGNUP: z.enum(SIGNUP_MODES).default('email'),
    /** The operator's sign-up token (`x-portico-signup-token`); required with PORTICO_SIGNUP=token. */
    PORTICO_SIGNUP_TOKEN: z.string().min(16).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.PORTICO_SIGNUP === 'token' && !e.PORTICO_SIGNUP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['PORTICO_SIGNUP_TOKEN'],
        message: 'required when PORTICO_SIGNUP=token',
      });
    }
  });

export interface AuthConfig {
  host: string;
  port: number;
  dynamoEndpoint?: string;
  tableName: string;
  region: string;
  sesEndpoint?: string;
  sesRegion: string;
  sesFrom: string;
  codeKeyPath: string;
  kekPath: string;
  publicOrigin: string;
  issuer: string;
  signingKeysPath: string;
  trustProxy?: boolean | string[];
  logLevel: string;
  signup: SignupOptions;
}

function trustProxy(value: string | undefined): AuthConfig['trustProxy'] {
  if (value === undefined || value === '' || value === 'false') return undefined;
  if (value === 'true') return true;
  return value.split(',').map((v) => v.trim());
}

/**
 * Parses `env` into an AuthConfig (parseEnv of @portico/contracts).
 * Throws ConfigError listing each offending variable by name.
 */
export function parseAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const e = parseEnv(EnvSchema, env);
  const proxy = trustProxy(e.PORTICO_TRUST_PROXY);
  const origin = e.PORTICO_PUBLIC_ORIGIN.replace(/\/$/, '');
  return {
    host: e.PORTICO_HOST,
    port: e.PORTICO_PORT,
    ...(e.PORTICO_DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.PORTICO_DYNAMODB_ENDPOINT } : {}),
    tableName: e.PORTICO_TABLE,
    region: e.AWS_REGION,
    ...(e.PORTICO_SES_ENDPOINT ? { sesEndpoint: e.PORTICO_SES_ENDPOINT } : {}),
    sesRegion: e.PORTICO_SES_REGION ?? e.AWS_REGION,
    sesFrom: e.PORTICO_SES_FROM,
    codeKeyPath: e.PORTICO_CODE_KEY_PATH,
    kekPath: e.PORTICO_KEK_PATH,
    publicOrigin: origin,
    issuer: e.PORTICO_ISSUER ?? origin,
    signingKeysPath: e.PORTICO_SIGNING_KEYS_PATH,
    ...(proxy !== undefined ? { trustProxy: proxy } : {}),
    logLevel: e.PORTICO_LOG_LEVEL,
    signup: {
      mode: e.PORTICO_SIGNUP,
      ...(e.PORTICO_SIGNUP_TOKEN ? { token: e.PORTICO_SIGNUP_TOKEN } : {}),
    },
  };
}
