import { z } from 'zod';

/** The folder a standalone service keeps its key files in when no path is configured. */
export const DEFAULT_DATA_DIR = '.portico';

/**
 * The key files' names inside a data folder, the same for every service and the local stack:
 * the key-encryption key (32 bytes), the email-code HMAC key, the sealed ES256 signing keys.
 */
export const DATA_FILES = {
  kek: 'kek.bin',
  codeKey: 'code-key.bin',
  signingKeys: 'signing-keys.json',
} as const;

/** A bad environment at boot: the message names each offending variable, one per line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A comma-separated variable as a list of its trimmed, non-empty entries (absent or '' -> []). */
export const envList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

/** `PORTICO_LOG_LEVEL`: pino's levels, `info` when absent. */
export const envLogLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/**
 * Parses a service's environment with its zod schema, once at boot.
 * Throws ConfigError `invalid environment:\n  PORTICO_PORT: Too big: ...` naming every variable
 * that failed, so boot stops before anything listens.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
}
