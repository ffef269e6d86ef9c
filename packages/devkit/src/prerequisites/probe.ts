import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import type { HostFacts } from './plan.js';

/** Debian's Chromium; `PORTICO_CHROMIUM` names another binary (the browser tests use the same). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium binary the browser tests drive: `PORTICO_CHROMIUM`, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PORTICO_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;
}

/** The major version in `java -version` output (`"17.0.9"` -> 17, `"1.8.0_392"` -> 8). */
export function javaMajorOf(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Whether /etc/os-release text describes Debian or a Debian derivative (ID or ID_LIKE). */
export function isDebianLike(osRelease: string): boolean {
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

function runs(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Reads the facts planPrerequisites decides on from this machine (a few short processes). */
export function probeHost(env: NodeJS.ProcessEnv = process.env): HostFacts {
  const java = runs('java', ['-version']);
  let osRelease = '';
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {}
  const apt = isDebianLike(osRelease) && runs('apt-get', ['--version']).ok;
  // Debian 12 carries openjdk-17; 13 (and Ubuntu 24.04) openjdk-21: take what the lists offer.
  const javaPackage =
    apt &&
    !runs('apt-cache', ['show', 'openjdk-17-jre-headless']).ok &&
    runs('apt-cache', ['show', 'openjdk-21-jre-headless']).ok
      ? 'openjdk-21-jre-headless'
      : 'openjdk-17-jre-headless';
  const path = chromiumPath(env);
  return {
    javaMajor: java.ok ? javaMajorOf(java.output) : undefined,
    chromium: executable(path),
    chromiumPath: path,
    root: process.getuid?.() === 0,
    apt,
    javaPackage,
    platform: process.platform,
  };
}
