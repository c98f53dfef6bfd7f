// Preview 1 core modules on Node's own WASI host, in this process.
import { silenceWasiWarning, isTrap, TRAP_STATUS } from './quiet.js';

/**
 * @param {import('../run.js').HostSpec} spec
 * @returns {Promise<number>} the program's exit status
 */
export async function runPreview1(spec) {
  silenceWasiWarning();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({ version: 'preview1', args: spec.args, env: spec.env, preopens: spec.preopens, returnOnExit: true });
  const module = await WebAssembly.compile(spec.bytes);
  const instance = await WebAssembly.instantiate(module, /** @type {WebAssembly.Imports} */ (wasi.getImportObject()));
  if (typeof instance.exports._start !== 'function') {
    process.stderr.write(`wasi-cc: error: ${spec.args[0]} has no _start export: it is a library (reactor), not a program\n`);
    return 1;
  }
  try {
    return wasi.start(instance);
  } catch (err) {
    if (!isTrap(err)) throw err;
    process.stderr.write(`wasi-cc: error: ${spec.args[0]} trapped: ${/** @type {Error} */ (err).stack ?? err}\n`);
    return TRAP_STATUS;
  }
}
