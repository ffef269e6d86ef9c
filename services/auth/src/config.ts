import { z } from 'zod';
import { SIGNUP_MODES, type SignupOptions } from './signup.js';

/**
 * The auth service's environment, parsed once at boot (src/main.ts). A bad value stops boot with
 * a message naming the variable.
 */
const EnvSchema = z
  .object({
    AUTH_HOST: z.string().min(1).default('127.0.0.1'),
    AUTH_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
    /** DynamoDB endpoint override (DynamoDB Local); absent: AWS with the default credential chain. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    DYNAMODB_TABLE: z.string().min(3).max(255).default('portico'),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** SES endpoint override (the SES stand-in, with dummy credentials); absent: AWS SES. */
    SES_ENDPOINT: z.url().optional(),
    SES_REGION: z.string().min(1).optional(),
    /** Verified sender, e.g. `Portico <no-reply@example.com>`. */
    SES_FROM: z.string().min(3),
    /** File holding the code HMAC key (created, 0600, if absent; base64 or raw, >= 32 bytes). */
    CODE_KEY_PATH: z.string().min(1),
    /** File holding the 32-byte key-encryption key the store needs (same format, created if absent). */
    KEK_PATH: z.string().min(1),
    /** The public origin MCP servers and the auth endpoints are reached at (no trailing slash). */
    PUBLIC_ORIGIN: z.url().default('http://127.0.0.1:4100'),
    /** The OAuth issuer (RFC 8414); default: PUBLIC_ORIGIN. */
    AUTH_ISSUER: z.url().optional(),
    /** File of the sealed ES256 signing keys (created when absent). */
    SIGNING_KEYS_PATH: z.string().min(1).default('.portico/signing-keys.json'),
    /** fastify trustProxy: `true`, or comma-separated proxy addresses/CIDRs (the ALB subnets). */
    AUTH_TRUST_PROXY: z.string().optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
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

/** Parses `env` into an AuthConfig. Throws an Error listing each offending variable by name. */
export function parseAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const proxy = trustProxy(e.AUTH_TRUST_PROXY);
  return {
    host: e.AUTH_HOST,
    port: e.AUTH_PORT,
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    tableName: e.DYNAMODB_TABLE,
    region: e.AWS_REGION,
    ...(e.SES_ENDPOINT ? { sesEndpoint: e.SES_ENDPOINT } : {}),
    sesRegion: e.SES_REGION ?? e.AWS_REGION,
    sesFrom: e.SES_FROM,
    codeKeyPath: e.CODE_KEY_PATH,
    kekPath: e.KEK_PATH,
    publicOrigin: e.PUBLIC_ORIGIN.replace(/\/$/, ''),
    issuer: e.AUTH_ISSUER ?? e.PUBLIC_ORIGIN.replace(/\/$/, ''),
    signingKeysPath: e.SIGNING_KEYS_PATH,
    ...(proxy !== undefined ? { trustProxy: proxy } : {}),
    logLevel: e.LOG_LEVEL,
    signup: {
      mode: e.PORTICO_SIGNUP,
      ...(e.PORTICO_SIGNUP_TOKEN ? { token: e.PORTICO_SIGNUP_TOKEN } : {}),
    },
  };
}
