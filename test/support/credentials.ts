/** An upstream credential as the control API accepts it. */
export type Credential =
  | { type: 'header'; name: string; value: string }
  | { type: 'query'; name: string; value: string }
  | { type: 'bearer'; value: string };

type Json = Record<string, unknown>;

/**
 * The static credential that satisfies most of a document's operations, derived from its security
 * schemes (OpenAPI 3 `components.securitySchemes`, Swagger 2.0 `securityDefinitions`): the
 * document-level requirement, else the one operations name most often. apiKey schemes become a
 * header or query credential under their own name, HTTP basic an `Authorization: Basic` header,
 * bearer/OAuth 2/OpenID Connect a bearer token. `undefined` when the document needs none (or only
 * cookie keys, which an upstream credential cannot carry).
 */
export function credentialFor(document: Json): Credential | undefined {
  const schemes = ((document.components as Json | undefined)?.securitySchemes ??
    document.securityDefinitions ??
    {}) as Record<string, Json>;
  const name = requirementName(document);
  const scheme = name ? schemes[name] : undefined;
  if (!scheme) return undefined;
  const type = String(scheme.type);
  if (type === 'apiKey') {
    const location = String(scheme.in);
    if (location === 'header')
      return { type: 'header', name: String(scheme.name), value: 'corpus-key' };
    if (location === 'query')
      return { type: 'query', name: String(scheme.name), value: 'corpus-key' };
    return undefined;
  }
  if ((type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') || type === 'basic') {
    return { type: 'header', name: 'Authorization', value: `Basic ${btoa('corpus:key')}` };
  }
  return { type: 'bearer', value: 'corpus-token' };
}

function requirementName(document: Json): string | undefined {
  const first = (security: unknown): string | undefined => {
    if (!Array.isArray(security)) return undefined;
    for (const requirement of security as Json[]) {
      const names = Object.keys(requirement ?? {});
      if (names.length > 0) return names[0];
    }
    return undefined;
  };
  const global = first(document.security);
  if (global) return global;
  const counts = new Map<string, number>();
  for (const item of Object.values((document.paths ?? {}) as Record<string, Json>)) {
    for (const operation of Object.values(item ?? {})) {
      const name = first((operation as Json | undefined)?.security);
      if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
