import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process started by the devkit, with the tail of its output kept for error messages. */
export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** Last lines written to stdout and stderr (at most ~200 lines). */
  output(): string;
  /** Registers a listener for each output line (stdout and stderr). */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, then SIGKILL after `graceMs` (default 3000 ms). Resolves once the process exited. */
  stop(graceMs?: number): Promise<void>;
}

const MAX_LINES = 200;

/**
 * Spawns `command args` and keeps its output. The child is killed when this process exits, so an
 * interrupted test run or Ctrl-C never leaves DynamoDB Local or Prism behind.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ManagedChild {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > MAX_LINES) lines.shift();
      for (const listener of listeners) listener(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      lines.push(`${name}: ${err.message}`);
      resolve();
    });
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  return {
    name,
    process: child,
    output: () => lines.join('\n'),
    onLine: (listener) => {
      listeners.push(listener);
    },
    stop: async (graceMs = 3000) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `probe` every `intervalMs` until it resolves true, the child exits, or `timeoutMs` passes.
 * Throws an Error naming the child and quoting its output on failure.
 */
export async function waitUntilReady(
  child: ManagedChild,
  probe: () => Promise<boolean>,
  { timeoutMs = 60_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `${child.name} exited with code ${child.process.exitCode}:\n${child.output()}`,
      );
    }
    if (await probe().catch(() => false)) return;
    await sleep(intervalMs);
  }
  await child.stop();
  throw new Error(`${child.name} was not ready after ${timeoutMs} ms:\n${child.output()}`);
}
