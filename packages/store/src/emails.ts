import { createHash } from 'node:crypto';

/**
 * Email addresses as the store keeps them: normalized (trimmed, lowercase) in attributes, and only
 * as a hash in keys, so partition and sort keys (which show up in metrics, logs and IAM
 * conditions) carry no personal data.
 */

/**
 * The normalized form: trimmed and lowercased. Lowercasing the local part is stricter than
 * RFC 5321 section 2.4 allows, but no mail provider in practice distinguishes case, and one address
 * must map to one code, one rate limit and one end user.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** SHA-256 (base64url, 43 characters) of the normalized address: the email's id in keys. */
export function emailHash(email: string): string {
  return createHash('sha256').update(normalizeEmail(email)).digest('base64url');
}

/**
 * A masked address for displays and auth events: first character of the local part, `***`, and
 * the domain (`j***@example.com`). Not a secret-preserving transform, only data minimization.
 */
export function maskEmail(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${normalized[0]}***${normalized.slice(at)}`;
}

/**
 * True when `value` has the form of an emailHash (43 base64url characters): what global OAuth
 * items store as `sub`, so no address can reach an item outside the tenant's partitions.
 */
export function isEmailHash(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
