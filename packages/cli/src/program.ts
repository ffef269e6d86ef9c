import { Command } from 'commander';
import { registerGenerate } from './commands/generate.js';
import { registerSigningKeys } from './commands/signing-keys.js';
import type { Io } from './io.js';

/**
 * The `portico` command tree. Each command lives in src/commands/ and registers itself here;
 * commands that talk to the control API will join the same way.
 */
export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('portico')
    .description('Portico: turn an HTTP API described by OpenAPI into an MCP server')
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  registerGenerate(program, io, setExitCode);
  registerSigningKeys(program, io, setExitCode);
  return program;
}
