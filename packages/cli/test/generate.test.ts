import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildProgram, type Io, runGenerate } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function capture(cwd = fixtures): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, stdout, stderr };
}

describe('portico generate', () => {
  it('prints counts and one line per renamed operation, resolving paths against the user directory', async () => {
    const io = capture();
    const code = await runGenerate('v2.0__yaml__petstore-expanded.yaml', {}, io);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('4 operations: 3 converted, 1 renamed, 0 skipped');
    expect(text).toMatch(/4 tools, tool list about \d+ tokens: full tool list fine \(4 tools/);
    expect(text).toMatch(
      /renamed +GET \/pets\/\{id\} -> find_pet_by_id: operationId is not a valid tool name/,
    );
  });

  it('writes the manifest with --out and prints the report as JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));
    const spec = join(dir, 'spec.yaml.gz');
    writeFileSync(
      spec,
      gzipSync(readFileSync(join(fixtures, 'v2.0__yaml__petstore-expanded.yaml'))),
    );
    const io = capture(dir);
    expect(await runGenerate('spec.yaml.gz', { out: 'manifest.json', json: true }, io)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.tools.map((t: { name: string }) => t.name)).toEqual([
      'findPets',
      'addPet',
      'find_pet_by_id',
      'deletePet',
    ]);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.counts).toEqual({ operations: 4, converted: 3, renamed: 1, skipped: 0 });
  });

  it('exits with 2 and prints the pointer and reason for a malformed document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        openapi: '3.0.0',
        paths: { '/a': { get: { responses: { 200: { $ref: 'other.json#/r' } } } } },
      }),
    );
    const io = capture(dir);
    expect(await runGenerate('bad.json', {}, io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      '(SPEC_EXTERNAL_REF) at /paths/~1a/get/responses/200/$ref',
    );
  });

  it('exits with 1 when the file cannot be read', async () => {
    const io = capture();
    expect(await runGenerate('does-not-exist.yaml', {}, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot read does-not-exist\.yaml/);
  });

  it('parses the command line through commander', async () => {
    const io = capture();
    let exitCode = -1;
    await buildProgram(io, (code) => {
      exitCode = code;
    }).parseAsync(['node', 'portico', 'generate', 'v2.0__yaml__petstore-expanded.yaml', '--json'], {
      from: 'node',
    });
    expect(exitCode).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).format).toBe('yaml');
  });
});
