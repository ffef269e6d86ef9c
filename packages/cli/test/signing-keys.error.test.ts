import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Io, runSigningKeysList, runSigningKeysRotate } from '../src/index.js';

function capture(cwd: string): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, stdout, stderr };
}

describe('portico signing-keys: refusals', () => {
  it('rotate refuses (exit 1) when the KEK is gone but sealed keys remain, and adds no key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    expect(await runSigningKeysRotate({}, capture(cwd))).toBe(0);
    rmSync(join(cwd, '.portico', 'kek.bin'));
    const before = readFileSync(join(cwd, '.portico', 'signing-keys.json'), 'utf8');
    const io = capture(cwd);
    expect(await runSigningKeysRotate({}, io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/kek\.bin is missing .* restore the KEK/);
    expect(readFileSync(join(cwd, '.portico', 'signing-keys.json'), 'utf8')).toBe(before);
  });

  it('rotate and list exit 1 on a file that is not a signing key file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portico-keys-'));
    writeFileSync(join(cwd, 'signing-keys.json'), JSON.stringify({ version: 9, keys: [] }));
    const rotate = capture(cwd);
    expect(await runSigningKeysRotate({ dataDir: '.' }, rotate)).toBe(1);
    expect(rotate.stderr.join('\n')).toContain('not a Portico signing key file');
    const list = capture(cwd);
    expect(await runSigningKeysList({ dataDir: '.' }, list)).toBe(1);
    expect(list.stderr.join('\n')).toContain('not a Portico signing key file');
  });
});
