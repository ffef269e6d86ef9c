import { sample } from 'openapi-sampler';

/**
 * Arguments for a tool, generated from its inputSchema by a schema-sampling library (required
 * properties only, so every call exercises the minimum an agent must send). `$defs` references
 * resolve against the inputSchema itself.
 */
export function sampleArguments(inputSchema: Record<string, unknown>): Record<string, unknown> {
  const value = sample(
    inputSchema as never,
    { skipNonRequired: true, skipReadOnly: true, quiet: true },
    inputSchema,
  );
  return (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
}
