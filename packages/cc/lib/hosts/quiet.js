// node:wasi prints "ExperimentalWarning: WASI is an experimental feature" on first use; a program
// run by wasi-cc should print only what it prints itself.
let installed = false;

export function silenceWasiWarning() {
  if (installed) return;
  installed = true;
  const emit = process.emitWarning;
  process.emitWarning = /** @type {typeof process.emitWarning} */ (
    function (/** @type {string | Error} */ warning, /** @type {any[]} */ ...rest) {
      const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
      const text = typeof warning === 'string' ? warning : warning?.message;
      if (type === 'ExperimentalWarning' && /WASI/.test(String(text))) return;
      return /** @type {any} */ (emit).call(process, warning, ...rest);
    }
  );
}

/** Exit status for a program that trapped (as SIGABRT would give: 128 + 6, like wasmtime). */
export const TRAP_STATUS = 134;

/**
 * @param {unknown} err
 * @returns {err is WebAssembly.RuntimeError}
 */
export function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err instanceof Error && err.name === 'RuntimeError');
}
