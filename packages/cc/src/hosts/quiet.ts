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

export function isTrap(err: unknown): err is WebAssembly.RuntimeError {
  return err instanceof WebAssembly.RuntimeError || (err instanceof Error && err.name === 'RuntimeError');
}
