// Child-process entry: runs one Preview 1 module on node:wasi and exits with its status.
// argv[2] is a JSON RunSpec (see p1.ts).
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const spec = JSON.parse(process.argv[2]);
const wasi = new WASI({
  version: 'preview1',
  args: spec.args,
  env: spec.env,
  preopens: spec.preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(spec.wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
process.exitCode = code;
