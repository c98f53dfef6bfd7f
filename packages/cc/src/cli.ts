// The wasi-cc command line: `doctor`, `run`, or a clang command line.
import { spawnSync } from 'node:child_process';
import { compile } from './driver.js';
import { debugEnabled, reportError } from './errors.js';
import { detectToolchain, ToolchainError } from './toolchain.js';
import { DEFAULT_TARGET, TARGETS } from './targets.js';
import { packageVersion } from './version.js';

export const USAGE = `usage: wasi-cc [--target=TRIPLE] [clang arguments...]   compile and/or link
       wasi-cc run [options] PROGRAM.wasm [ARGS...]      run a program (wasi-cc run --help)
       wasi-cc doctor [--target=TRIPLE]...               check the toolchain and packages

Runs clang for TRIPLE (${Object.keys(TARGETS).join(', ')}; default ${DEFAULT_TARGET}, or
WASI_CC_TARGET) with the sysroot of the installed @wasi/sysroot-* package, found from the
current directory upward. wasm32-wasip2 programs are linked into Preview 2 components by
wasm-component-ld; wasm32-wasip1-threads programs get the shared-memory link flags. Every
other argument goes to clang as it is: -c, -o, -O2, -I, -D, -l, -Wl,... all work as usual.
-fsetjmp (wasi-cc's own) enables setjmp/longjmp: clang's -mllvm -wasm-enable-sjlj, and -lsetjmp
when linking. wasi-c++ (or wasi-cc with a .cc/.cpp/.cxx input) compiles and links C++ with libc++
from the installed @wasi/cxx-* package; -fwasm-exceptions picks its exceptions variant.`;

/**
 * The wasi-cc command: `argv` is what follows the command name. Resolves to the exit status. What
 * fails unexpectedly is one `wasi-cc: error:` line; WASI_CC_DEBUG=1 (or clang's -v/--verbose)
 * adds the stack.
 */
export async function main(argv: string[], options: { cxx?: boolean } = {}): Promise<number> {
  try {
    return await dispatch(argv, options);
  } catch (err) {
    const verbose = argv[0] !== 'run' && (argv.includes('-v') || argv.includes('--verbose'));
    return reportError('wasi-cc', err, verbose || debugEnabled());
  }
}

async function dispatch(argv: string[], options: { cxx?: boolean }): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'run') return (await import('./run.js')).runCommand(rest);
  if (first === 'doctor') return (await import('./doctor.js')).doctorCommand(rest);
  if (argv.length === 0 || (argv.length === 1 && (first === '--help' || first === '-h'))) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.length === 1 && first === '--version') {
    process.stdout.write(`wasi-cc ${packageVersion()} (@wasi/cc)\n`);
    try {
      const r = spawnSync(detectToolchain().clang, ['--version'], { stdio: 'inherit' });
      return r.status ?? 1;
    } catch (err) {
      if (err instanceof ToolchainError) {
        process.stderr.write(`wasi-cc: error: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  }
  return compile(argv, options);
}
