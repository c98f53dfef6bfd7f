// Preview 1 core modules on Node's own WASI host, in this process.
import type { HostSpec } from './spec.js';
import { silenceWasiWarning, isTrap, trapMessage, TRAP_STATUS } from './quiet.js';

/** Runs a Preview 1 program; resolves to its exit status. */
export async function runPreview1(spec: HostSpec): Promise<number> {
  silenceWasiWarning();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({ version: 'preview1', args: spec.args, env: spec.env, preopens: spec.preopens, returnOnExit: true });
  const module = await WebAssembly.compile(spec.bytes as BufferSource);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
  if (typeof instance.exports._start !== 'function') {
    process.stderr.write(`wasi-cc: error: ${spec.args[0]} has no _start export: it is a library (reactor), not a program\n`);
    return 1;
  }
  try {
    return wasi.start(instance);
  } catch (err) {
    if (!isTrap(err)) throw err;
    process.stderr.write(trapMessage(spec.args[0], err));
    return TRAP_STATUS;
  }
}
