export { type LocalConfig, parseLocalConfig } from './config.js';
export { DEMO_SLUG, type DemoInfo, ensureDemo } from './demo.js';
export { createOrigin, type Mount } from './origin.js';
export { type Platform, type PlatformOptions, startPlatform } from './platform.js';
