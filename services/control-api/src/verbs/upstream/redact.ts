import type { UpstreamConfig, UpstreamCredential } from '@portico/store';

/** An upstream credential as the API shows it: never the value, at most its last 4 characters. */
export type RedactedCredential = {
  type: UpstreamCredential['type'];
  name: string | null;
  hint: string;
};

export interface RedactedUpstream {
  baseUrl: string | null;
  credential: RedactedCredential | null;
  updatedAt: string | null;
}

/**
 * `…` + the last 4 characters of the value, or just `…` when the value is shorter than 12
 * characters (then 4 characters would give away too much of it).
 */
export function secretHint(value: string): string {
  return value.length >= 12 ? `…${value.slice(-4)}` : '…';
}

export function redactUpstream(config: UpstreamConfig | undefined): RedactedUpstream {
  const c = config?.credential;
  return {
    baseUrl: config?.baseUrl ?? null,
    credential: c
      ? { type: c.type, name: c.type === 'bearer' ? null : c.name, hint: secretHint(c.value) }
      : null,
    updatedAt: config?.updatedAt ?? null,
  };
}
