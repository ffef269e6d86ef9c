export { type GenerateOptions, runGenerate } from './commands/generate.js';
export {
  type KeyState,
  type KeysOptions,
  keyState,
  runKeysList,
  runKeysRotate,
} from './commands/keys.js';
export { EXIT, type Io, processIo } from './io.js';
export { buildProgram } from './program.js';
export { formatReport } from './report.js';
