import type { ManifestTool } from '@portico/openapi-to-mcp';

/** A request Prism rejected, with the tool and the arguments that produced it. */
export interface RejectedCall {
  tool: ManifestTool | undefined;
  args: Record<string, unknown>;
  violations: string[];
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * Names the Prism 5.16 limitation that explains EVERY violation of a rejected request, or returns
 * undefined when any violation is unexplained (then the rejection counts against Portico).
 * Each rule is checked against the arguments actually sent and the tool's HTTP binding:
 * - `form-object-array`: Prism refuses arrays of objects in form bodies unless they are JSON
 *   ("Cannot deserialize JSON object array in form data"), whatever the document's `encoding` says
 *   (Stripe's says deepObject: `items[0][price]=…`).
 * - `nested-form-object`: Prism's form/multipart decoder reports a nested property missing from
 *   an object the request either carried with that property or did not carry at all (it builds
 *   objects from the document's `encoding`), or an object "not an object" that the request sent as
 *   one (a multipart part sent as application/json). Only an object we sent WITHOUT a required
 *   property counts against us.
 * - `empty-form-body`: a required form body whose properties are all optional, sent with zero
 *   fields, which Prism reads as no body.
 */
export function prismLimitation(call: RejectedCall): string | undefined {
  const problems = call.violations.filter((v) => !v.startsWith('Request did not pass'));
  if (problems.length === 0 || !call.tool?.binding.body) return undefined;
  const body = call.tool.binding.body;
  const sent = sentBody(call.tool, call.args);
  const reasons = new Set<string>();
  for (const problem of problems) {
    const reason = explain(problem, body.mediaType, sent);
    if (!reason) return undefined;
    reasons.add(reason);
  }
  return [...reasons].join(', ');
}

function explain(problem: string, mediaType: string, sent: unknown): string | undefined {
  const text = problem.replace(/^Violation: request(?:\.[\w.]+)? /, '');
  if (mediaType === FORM && text.includes('Cannot deserialize JSON object array in form data')) {
    return 'form-object-array';
  }
  const missing = /^Request body property (\S+) must have required property '([^']+)'$/.exec(text);
  if (missing?.[1] && missing[2] && (mediaType === FORM || mediaType.startsWith('multipart/'))) {
    // Ours only if we sent that object without the property; Prism also reports objects it
    // materialized from the document's encoding although the request never carried them.
    const parent = valueAt(sent, missing[1].split('.'));
    const sentWithout =
      parent !== null &&
      typeof parent === 'object' &&
      (parent as Record<string, unknown>)[missing[2]] === undefined;
    if (!sentWithout) return 'nested-form-object';
  }
  const notObject = /^Request body property (\S+) must be object$/.exec(text);
  if (notObject?.[1]) {
    const value = valueAt(sent, notObject[1].split('.'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return 'nested-form-object';
  }
  if (
    mediaType === FORM &&
    text === 'Body parameter is required' &&
    sent !== undefined &&
    typeof sent === 'object' &&
    Object.keys(sent as object).length === 0
  ) {
    return 'empty-form-body';
  }
  return undefined;
}

/** The request body the arguments make, as the binding maps them (before encoding). */
function sentBody(tool: ManifestTool, args: Record<string, unknown>): unknown {
  const body = tool.binding.body;
  if (!body) return undefined;
  if (body.kind === 'value') return args[body.arg ?? 'body'];
  const out: Record<string, unknown> = {};
  for (const [arg, property] of Object.entries(body.properties ?? {})) {
    if (args[arg] !== undefined) out[property] = args[arg];
  }
  return out;
}

function valueAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
