import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertOpenApi, SpecError } from '@portico/openapi-to-mcp';
import type { Command } from 'commander';
import { EXIT, type Io } from '../io.js';
import { formatReport } from '../report.js';

export interface GenerateOptions {
  /** Path of the manifest to write (relative to the user's directory). */
  out?: string;
  /** Print the report as JSON instead of text. */
  json?: boolean;
}

/**
 * `portico generate <spec-file>`: converts an OpenAPI document (JSON or YAML, optionally `.gz`)
 * into a tool manifest, writes it with `--out`, and prints the conversion report.
 * Returns the exit code: 0 done, 1 the file could not be read or written, 2 the document is
 * malformed (the JSON pointer and reason are printed).
 */
export async function runGenerate(
  specFile: string,
  options: GenerateOptions,
  io: Io,
): Promise<number> {
  const path = resolve(io.cwd, specFile);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
    if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  } catch (error) {
    io.err(`cannot read ${specFile}: ${(error as Error).message}`);
    return EXIT.failure;
  }
  let result: ReturnType<typeof convertOpenApi>;
  try {
    result = convertOpenApi(bytes);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    io.err(
      `${specFile}: invalid document (${error.code}) at ${error.pointer || '/'}: ${error.message}`,
    );
    return EXIT.invalidInput;
  }
  if (options.out !== undefined) {
    try {
      await writeFile(
        resolve(io.cwd, options.out),
        `${JSON.stringify(result.manifest, null, 2)}\n`,
      );
    } catch (error) {
      io.err(`cannot write ${options.out}: ${(error as Error).message}`);
      return EXIT.failure;
    }
  }
  io.out(
    options.json === true
      ? JSON.stringify(result.report, null, 2)
      : formatReport(result.report, specFile),
  );
  if (options.out !== undefined && options.json !== true) {
    io.out(`manifest: ${result.manifest.tools.length} tools written to ${options.out}`);
  }
  return EXIT.ok;
}

/** Registers `generate` on the program; the exit code lands in `setExitCode`. */
export function registerGenerate(
  program: Command,
  io: Io,
  setExitCode: (code: number) => void,
): void {
  program
    .command('generate')
    .description(
      'convert an OpenAPI document (Swagger 2.0, OpenAPI 3.0/3.1; JSON, YAML or .gz) into MCP tools',
    )
    .argument('<spec-file>', 'the OpenAPI document')
    .option('-o, --out <file>', 'write the tool manifest (JSON) to this file')
    .option('--json', 'print the conversion report as JSON')
    .action(async (specFile: string, options: GenerateOptions) => {
      setExitCode(await runGenerate(specFile, options, io));
    });
}
