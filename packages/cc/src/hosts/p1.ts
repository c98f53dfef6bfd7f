// Preview 1 core modules on Node's own WASI host, in this process.
import type { HostSpec } from './spec.js';
import { silenceWasiWarning, isTrap, trapMessage, TRAP_STATUS } from './quiet.js';
import { fixedPreview1, setP1V8Flags, type WasiFunctions } from './p1-fixes.js';

/** Runs a Preview 1 program; resolves to its exit status. */
export async function runPreview1(spec: HostSpec): Promise<number> {
  silenceWasiWarning();
  setP1V8Flags();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({ version: 'preview1', args: spec.args, env: spec.env, preopens: spec.preopens, returnOnExit: true });
  const module = await WebAssembly.compile(spec.bytes as BufferSource);
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    wasi_snapshot_preview1: fixedPreview1(wasi.wasiImport as WasiFunctions, () => memory),
  } as WebAssembly.Imports;
  const instance = await WebAssembly.instantiate(module, imports);
  memory = instance.exports.memory instanceof WebAssembly.Memory ? instance.exports.memory : undefined;
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
