export { type GenerateOptions, runGenerate } from './commands/generate.js';
export {
  type KeyState,
  keyState,
  runSigningKeysList,
  runSigningKeysRotate,
  type SigningKeysOptions,
} from './commands/signing-keys.js';
export { EXIT, type Io, processIo } from './io.js';
export { buildProgram } from './program.js';
export { formatReport } from './report.js';
