// node:wasi prints "ExperimentalWarning: WASI is an experimental feature" on first use; a program
// run by wasi-cc should print only what it prints itself.
let installed = false;

export function silenceWasiWarning(): void {
  if (installed) return;
  installed = true;
  const emit = process.emitWarning.bind(process) as (warning: string | Error, ...rest: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]): void => {
    const first = rest[0];
    const type = typeof first === 'string' ? first : (first as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (type === 'ExperimentalWarning' && /WASI/.test(String(text))) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** Exit status for a program that trapped (as SIGABRT would give: 128 + 6, like wasmtime). */
export const TRAP_STATUS = 134;

/**
 * True for a trap: a RuntimeError of the engine; or a RangeError, which V8 raises when the call
 * stack is exhausted and which the Preview 2 bindings raise when a host call reads or writes guest
 * memory out of bounds (a bad pointer from the guest: a trap in wasmtime, too).
 */
export function isTrap(err: unknown): err is Error {
  return (
    err instanceof WebAssembly.RuntimeError ||
    err instanceof RangeError ||
    (err instanceof Error && (err.name === 'RuntimeError' || err.name === 'RangeError'))
  );
}

/** Why a program trapped, in a few words (what the engine says, for a RuntimeError). */
export function trapReason(err: Error): string {
  if (err.name !== 'RangeError') return err.message;
  return /call stack/i.test(err.message) ? 'call stack exhausted' : `out of bounds memory access in a host call (${err.message})`;
}

/** The JavaScript stack of a trap, to show after its line: only with WASI_CC_DEBUG=1. */
export function trapDetails(err: Error, env: NodeJS.ProcessEnv = process.env): string {
  return env.WASI_CC_DEBUG === '1' && err.stack ? `\n${err.stack}` : '';
}

/** What a trap says: one line, `wasi-cc: error: PROGRAM trapped: REASON` (see trapDetails). */
export function trapMessage(program: string | undefined, err: Error, env: NodeJS.ProcessEnv = process.env): string {
  return `wasi-cc: error: ${program ?? 'the program'} trapped: ${trapReason(err)}${trapDetails(err, env)}\n`;
}
