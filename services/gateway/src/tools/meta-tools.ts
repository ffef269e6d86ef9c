import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ListedTool } from './listed-tool.js';

/** The three meta-tools of dynamic mode. */
export type MetaToolKind = 'search' | 'describe' | 'call';

/** A meta-tool: its tools/list entry and its arguments' validator (compiled once per tool set). */
export interface MetaTool {
  kind: MetaToolKind;
  listed: ListedTool;
  validator: () => ValidateFunction;
}

/** Names of the meta-tools; they win over an API tool of the same name (reachable via call_tool). */
export const META_TOOL_NAMES: Record<MetaToolKind, string> = {
  search: 'search_tools',
  describe: 'describe_tool',
  call: 'call_tool',
};

/** Most hits search_tools returns; the default is 10. */
export const MAX_SEARCH_LIMIT = 50;

const NAME = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]{1,64}$' };

const SEARCH: ListedTool = {
  name: META_TOOL_NAMES.search,
  title: 'Search tools',
  description:
    'Search this API\'s tools by words (e.g. "create issue", "list repository webhooks"). Returns the best matches, best first, each with its name, title, a short description and a relevance score. Then call describe_tool for a tool\'s full inputSchema and call_tool to run it.',
  inputSchema: {
    type: 'object',
    properties: {
      query: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        description: 'Words describing what you want to do.',
      },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_SEARCH_LIMIT,
        default: 10,
        description: 'Most results to return.',
      },
    },
    required: ['query'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      tools: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            score: { type: 'number' },
          },
          required: ['name', 'description', 'score'],
        },
      },
      total: { type: 'integer', description: 'How many tools this server has in all.' },
    },
    required: ['tools', 'total'],
  },
  annotations: { title: 'Search tools', readOnlyHint: true, openWorldHint: false },
};

const DESCRIBE: ListedTool = {
  name: META_TOOL_NAMES.describe,
  title: 'Describe a tool',
  description:
    'Describe one tool found with search_tools: its full description, inputSchema (the arguments call_tool expects), outputSchema when it has one, and annotations (readOnlyHint, destructiveHint, idempotentHint).',
  inputSchema: {
    type: 'object',
    properties: { name: { ...NAME, description: 'The tool name, as search_tools returned it.' } },
    required: ['name'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
      annotations: { type: 'object' },
    },
    required: ['name', 'description', 'inputSchema', 'annotations'],
  },
  annotations: { title: 'Describe a tool', readOnlyHint: true, openWorldHint: false },
};

const CALL: ListedTool = {
  name: META_TOOL_NAMES.call,
  title: 'Call a tool',
  description:
    "Call one of this API's tools by name with its arguments (an object matching the tool's inputSchema, see describe_tool). Returns the tool's result. If the name is unknown or the arguments do not match, the result is an error explaining what to fix. Tools may change data: check a tool's annotations first.",
  inputSchema: {
    type: 'object',
    properties: {
      name: { ...NAME, description: 'The tool name, as search_tools returned it.' },
      arguments: { type: 'object', description: "The tool's arguments, per its inputSchema." },
    },
    required: ['name'],
    additionalProperties: false,
  },
  annotations: {
    title: 'Call a tool',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
};

/**
 * The meta-tools of a dynamic-mode tool set, in list order, with their argument validators
 * compiled on first use by the tool set's Ajv.
 */
export function createMetaTools(ajv: Ajv2020): Map<string, MetaTool> {
  const tools = new Map<string, MetaTool>();
  for (const [kind, listed] of [
    ['search', SEARCH],
    ['describe', DESCRIBE],
    ['call', CALL],
  ] as const) {
    let compiled: ValidateFunction | undefined;
    tools.set(listed.name, {
      kind,
      listed,
      validator: () => {
        compiled ??= ajv.compile(listed.inputSchema);
        return compiled;
      },
    });
  }
  return tools;
}
