export { FILE_ARGUMENT_SCHEMA } from './body/files.js';
export {
  type ConvertOptions,
  type ConvertResult,
  convertOpenApi,
  DEFAULT_MAX_DOCUMENT_BYTES,
} from './convert.js';
export {
  applyToolConfig,
  type CuratedTool,
  type CurationIssue,
  type CurationResult,
  DEFAULT_TOOL_CONFIG,
  type ExcludedTool,
} from './curation/apply.js';
export type {
  ToolConfig,
  ToolMode,
  ToolOverride,
  ToolSelection,
  ToolSelector,
} from './curation/types.js';
export {
  RequestBuildError,
  type RequestErrorCode,
  SpecError,
  type SpecErrorCode,
} from './errors.js';
export type { HttpRequest, HttpResponse } from './http.js';
export { listedSchema } from './listed-schema.js';
export {
  type BodyBinding,
  type ConversionReport,
  type HttpMethod,
  type JsonSchema,
  MANIFEST_VERSION,
  type ManifestTool,
  type OperationStatus,
  type ParameterBinding,
  type ParameterLocation,
  type PropertyEncoding,
  type ReportOperation,
  type ToolAnnotations,
  type ToolBinding,
  type ToolManifest,
} from './manifest.js';
export { operationKey, sanitizeName, TOOL_NAME_PATTERN } from './names.js';
export { buildRequest, type CompiledBinding, compileBinding } from './request.js';
export { type ResultContext, type ToolContent, type ToolResult, toToolResult } from './result.js';
export { resolveBaseUrl } from './servers.js';
export {
  DYNAMIC_MODE_TOKEN_THRESHOLD,
  DYNAMIC_MODE_TOOL_THRESHOLD,
  estimateToolListTokens,
} from './size.js';
