// Child-process entry: runs one transpiled Preview 2 component (see p2.ts) on
// preview2-shim and exits with its status. argv[2] is JSON:
// { dir, args, env, preopens }, where dir holds the transpiled prog.js.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// The same module instances the transpiled component imports (p2.ts maps its
// imports to these files), so the settings below are the ones it sees.
import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

const spec = JSON.parse(process.argv[2]);
_setArgs(spec.args);
_setEnv(spec.env);
_setPreopens(spec.preopens);

// Importing instantiates the component; wasi:cli/exit ends the process itself.
const { run } = await import(pathToFileURL(join(spec.dir, 'prog.js')).href);
try {
  run.run();
} catch (e) {
  // A trap, or `run` returning an error without calling exit.
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
// Returning from main is success. Leave at once: the shim's I/O worker may
// still hold host resources the program did not close.
process.exit(0);
