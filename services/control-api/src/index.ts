export { type BuildAppDeps, buildApp, newRequestId } from './app.js';
export type { Deps, SessionVerification, VerbArgs, VerbContext } from './context.js';
export { loggerOptions, REDACT_PATHS } from './logging.js';
export { type Permission, ROLE_PERMISSIONS } from './permissions.js';
export {
  CONTROL_API_PATH,
  type ControlApiOptions,
  controlApi,
  DEFAULT_MAX_SPEC_BYTES,
  storageLimitsOf,
} from './plugin.js';
export { SPEC_MEDIA_TYPES } from './routes/v1_versions_upload.js';
export type { ControlApiSignupMode } from './verbs/orgs/signup-mode.js';
