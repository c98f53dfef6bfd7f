// How wasi-cc fails: one `wasi-cc: error:` line that names the problem (and the fix), never a
// stack unless asked for with --verbose or WASI_CC_DEBUG=1.

/** A failure whose message is meant for the user as it is (no stack needed). */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** Bytes that are not the valid WebAssembly they claim to be (a truncated component, say). */
export class InvalidWasmError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidWasmError';
  }
}

/** The errno code of a Node error (ENOENT, ENOSPC...), if it has one. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What to say when a write failed with ENOSPC. */
export function noSpaceMessage(dir: string): string {
  return `no space left on ${dir}`;
}

/** Whether details (stacks, causes) were asked for: WASI_CC_DEBUG=1. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WASI_CC_DEBUG === '1';
}

/** The first line of an error's message. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
}

/**
 * Reports `err` as one `PREFIX: error:` line; with `debug`, the stack (and causes) follow. Returns
 * the exit status to use (1).
 */
export function reportError(prefix: string, err: unknown, debug: boolean): number {
  const message = err instanceof UserError ? err.message : firstLine(err);
  const hint = debug || err instanceof UserError ? '' : ' (WASI_CC_DEBUG=1 shows the details)';
  process.stderr.write(`${prefix}: error: ${message}${hint}\n`);
  if (debug) {
    for (let e: unknown = err; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (!(e instanceof Error)) break;
    }
  }
  return 1;
}
