import { processIo } from './io.js';
import { buildProgram } from './program.js';

const program = buildProgram(processIo(), (code) => {
  process.exitCode = code;
});
await program.parseAsync(process.argv);
