/** Where a command writes and how it resolves relative paths; injected so tests capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against (the user's, not pnpm's, working directory). */
  cwd: string;
}

/** The process's streams; `INIT_CWD` is where `pnpm portico` was typed (pnpm runs root scripts at the root). */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;
