export { type BuildAppDeps, buildApp, newRequestId } from './app.js';
export type { Deps, VerbArgs, VerbContext } from './context.js';
export { loggerOptions, REDACT_PATHS } from './logging.js';
export { type ControlApiOptions, controlApi, DEFAULT_MAX_SPEC_BYTES } from './plugin.js';
export { SPEC_MEDIA_TYPES } from './routes/v1_versions_upload.js';
