export { type ConvertOptions, type ConvertResult, convertOpenApi } from './convert.js';
export {
  RequestBuildError,
  type RequestErrorCode,
  SpecError,
  type SpecErrorCode,
} from './errors.js';
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
  type ReportOperation,
  type ToolAnnotations,
  type ToolBinding,
  type ToolManifest,
} from './manifest.js';
export { sanitizeName, TOOL_NAME_PATTERN } from './naming.js';
export {
  buildRequest,
  type CompiledBinding,
  compileBinding,
  type HttpRequest,
} from './request.js';
export { type HttpResponse, type ToolResult, toToolResult } from './result.js';
