type Json = Record<string, unknown>;

/**
 * The document as Prism needs it to judge requests, for documents Prism 5.16 cannot load as they
 * are (Stripe's: its expandable response objects make Prism's dereferencing run for more than
 * 6 minutes). Response content schemas become `{ type: 'object' }` and component schemas that
 * nothing else references are dropped. Parameters, request bodies, security and servers are
 * untouched, so Prism's verdict on a request is the same as with the original document; only the
 * mock responses get simpler. Portico itself always converts the original document.
 */
export function prismRequestView(document: Json): Json {
  const view = structuredClone(document) as Json;
  for (const item of Object.values((view.paths ?? {}) as Record<string, Json>)) {
    for (const operation of Object.values(item ?? {})) {
      const responses = (operation as Json | undefined)?.responses as
        | Record<string, Json>
        | undefined;
      for (const response of Object.values(responses ?? {})) {
        for (const media of Object.values((response.content ?? {}) as Record<string, Json>)) {
          media.schema = { type: 'object' };
          delete media.example;
          delete media.examples;
        }
      }
    }
  }
  const components = view.components as Json | undefined;
  const schemas = components?.schemas as Record<string, unknown> | undefined;
  if (components && schemas) {
    const reachable = new Set<string>();
    const pending = refsIn({ ...view, components: { ...components, schemas: {} } });
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (reachable.has(name)) continue;
      reachable.add(name);
      pending.push(...refsIn(schemas[name]));
    }
    components.schemas = Object.fromEntries(
      Object.entries(schemas).filter(([name]) => reachable.has(name)),
    );
  }
  return view;
}

/** Names of the component schemas `value` references (`#/components/schemas/<name>`). */
function refsIn(value: unknown): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (
          key === '$ref' &&
          typeof child === 'string' &&
          child.startsWith('#/components/schemas/')
        ) {
          names.push(
            decodeURIComponent(child.slice('#/components/schemas/'.length))
              .replace(/~1/g, '/')
              .replace(/~0/g, '~'),
          );
        } else {
          walk(child);
        }
      }
    }
  };
  walk(value);
  return names;
}
