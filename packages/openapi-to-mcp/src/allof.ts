import { isObject, setOwn } from './json.js';
import type { JsonSchema } from './manifest.js';

/** Keywords an allOf member may carry and still be merged into one object schema. */
const MERGEABLE = new Set([
  'type',
  'properties',
  'required',
  'title',
  'description',
  'additionalProperties',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** A `$defs` entry as the shaper knows it: undefined while still being shaped (a cycle). */
export type DefLookup = (ref: string) => { schema: JsonSchema; refs: Set<string> } | undefined;

/**
 * Merges `allOf` (JSON Schema 2020-12 section 10.2.1.1) into one object schema when that changes
 * nothing a validator would decide differently in practice: every member (the parent's own
 * keywords, inline members, and `$ref` members resolved through `lookup`) is an object schema
 * using only `type`/`properties`/`required`/docs/`additionalProperties`. Properties are united
 * (one declared twice with different schemas becomes `allOf` of both), `required` united,
 * `additionalProperties` kept only when every member that sets it agrees. Nested allOf is already
 * merged (members are shaped bottom-up). Anything else (composition, conflicting types, a member
 * still being shaped because of recursion) keeps the allOf as is. `refs` receives the `$defs`
 * names the inlined members reference.
 */
export function mergeAllOf(schema: JsonSchema, lookup: DefLookup, refs: Set<string>): JsonSchema {
  const members = schema.allOf;
  if (!Array.isArray(members)) return schema;
  const { allOf: _allOf, ...outer } = schema;
  const parts: JsonSchema[] = [outer];
  const inlinedRefs: Set<string>[] = [];
  for (const member of members) {
    const resolved = resolveMember(member, lookup);
    if (resolved === undefined) return schema;
    parts.push(resolved.schema);
    if (resolved.refs !== undefined) inlinedRefs.push(resolved.refs);
  }
  if (!parts.every(isMergeable)) return schema;
  const merged: JsonSchema = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  const additional: unknown[] = [];
  for (const part of parts) {
    for (const key of ['title', 'description', 'deprecated', 'readOnly', 'writeOnly']) {
      if (part[key] !== undefined && merged[key] === undefined) merged[key] = part[key];
    }
    if (isObject(part.properties)) {
      for (const [name, sub] of Object.entries(part.properties)) {
        const existing = Object.hasOwn(properties, name) ? properties[name] : undefined;
        const value =
          existing === undefined || JSON.stringify(existing) === JSON.stringify(sub)
            ? sub
            : { allOf: [existing, sub] };
        setOwn(properties, name, value);
      }
    }
    if (Array.isArray(part.required)) for (const name of part.required) required.add(String(name));
    if (part.additionalProperties !== undefined) additional.push(part.additionalProperties);
  }
  merged.type = 'object';
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  if (
    additional.length > 0 &&
    additional.every((a) => JSON.stringify(a) === JSON.stringify(additional[0]))
  ) {
    merged.additionalProperties = additional[0];
  }
  for (const set of inlinedRefs) for (const name of set) refs.add(name);
  return merged;
}

function resolveMember(
  member: unknown,
  lookup: DefLookup,
): { schema: JsonSchema; refs?: Set<string> } | undefined {
  if (member === true) return { schema: {} };
  if (!isObject(member)) return undefined;
  if (typeof member.$ref !== 'string') return { schema: member };
  if (Object.keys(member).some((k) => k !== '$ref' && k !== 'description' && k !== 'title')) {
    return undefined;
  }
  const target = lookup(member.$ref);
  return target === undefined ? undefined : { schema: target.schema, refs: target.refs };
}

function isMergeable(part: JsonSchema): boolean {
  if (part.type !== undefined && part.type !== 'object') return false;
  return Object.keys(part).every((key) => MERGEABLE.has(key));
}
