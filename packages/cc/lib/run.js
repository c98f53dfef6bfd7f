// wasi-cc run: runs a .wasm on the host that fits it. A component (layer 1 in the header) runs on
// preview2-shim; a core module that imports a shared memory or wasi.thread-spawn runs on the
// wasi-threads host; any other core module runs on node:wasi.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreFlavor, moduleInterface, wasmKind } from './wasm.js';
import { THREADS_V8_FLAGS } from './hosts/threads.js';

export const RUN_USAGE = `usage: wasi-cc run [options] PROGRAM.wasm [ARGS...]

Runs a WASI program: a Preview 2 component on preview2-shim, a wasm32-wasip1-threads module on
worker threads (each thread in a worker of its own), any other Preview 1 module on node:wasi.
Exits with the program's status (a component can only exit with 0 or 1; a trap exits with 134).

Options:
  --dir HOST[::GUEST]   give the program the host directory HOST, seen as GUEST (default HOST)
  --env NAME[=VALUE]    set an environment variable (without =VALUE: this process's value)
  --argv0 NAME          the program's argv[0] (default PROGRAM.wasm as given)
  --max-threads N       wasi-threads programs: at most N threads besides the main one at a time;
                        pthread_create fails with EAGAIN beyond (0: every spawn fails)
  --                    end of options`;

/**
 * 'p1', 'threads' or 'component' for a file's bytes; undefined when it is not WebAssembly.
 * @param {Uint8Array} bytes
 * @returns {'p1' | 'threads' | 'component' | undefined}
 */
export function hostFor(bytes) {
  const kind = wasmKind(bytes);
  if (kind === 'component') return 'component';
  if (kind === 'core') return coreFlavor(moduleInterface(bytes));
  return undefined;
}

/**
 * Runs a program in this process and resolves to its exit status. The caller should exit with it
 * (threads may still be running).
 * @param {import('./run.js').ExecSpec} spec
 * @returns {Promise<number>}
 */
export async function execWasm(spec) {
  const bytes = spec.bytes ?? readFileSync(spec.wasm);
  const host = hostFor(bytes);
  const hostSpec = { bytes, args: spec.args, env: spec.env ?? {}, preopens: spec.preopens ?? {}, maxThreads: spec.maxThreads };
  if (host === 'component') return (await import('./hosts/p2.js')).runComponent(hostSpec);
  if (host === 'threads') return (await import('./hosts/threads.js')).runThreads(hostSpec);
  if (host === 'p1') return (await import('./hosts/p1.js')).runPreview1(hostSpec);
  process.stderr.write(`wasi-cc: error: ${spec.wasm} is not a WebAssembly module or component\n`);
  return 1;
}

export class RunUsageError extends Error {}

/**
 * @param {string[]} argv  arguments after "run"
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {import('./run.js').ExecSpec}
 */
export function parseRunArgs(argv, env = process.env) {
  /** @type {Record<string, string>} */
  const preopens = {};
  /** @type {Record<string, string>} */
  const programEnv = {};
  /** @type {string | undefined} */
  let argv0;
  /** @type {number | undefined} */
  let maxThreads;
  let i = 0;
  /** @param {string} flag */
  const value = (flag) => {
    const a = /** @type {string} */ (argv[i]);
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (i + 1 >= argv.length) throw new RunUsageError(`${flag} needs a value`);
    return /** @type {string} */ (argv[++i]);
  };
  for (; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--dir' || a.startsWith('--dir=')) {
      const v = value('--dir');
      const sep = v.indexOf('::');
      const host = sep >= 0 ? v.slice(0, sep) : v;
      const guest = sep >= 0 ? v.slice(sep + 2) : v;
      preopens[guest] = resolve(host);
    } else if (a === '--env' || a.startsWith('--env=')) {
      const v = value('--env');
      const eq = v.indexOf('=');
      if (eq > 0) programEnv[v.slice(0, eq)] = v.slice(eq + 1);
      else if (env[v] !== undefined) programEnv[v] = /** @type {string} */ (env[v]);
    } else if (a === '--argv0' || a.startsWith('--argv0=')) argv0 = value('--argv0');
    else if (a === '--max-threads' || a.startsWith('--max-threads=')) {
      const v = value('--max-threads');
      maxThreads = Number(v);
      if (!/^\d+$/.test(v)) throw new RunUsageError(`--max-threads needs a number, not "${v}"`);
    }
    else if (a.startsWith('-') && a !== '-') throw new RunUsageError(`unknown option ${a}`);
    else break;
  }
  const wasm = argv[i];
  if (!wasm) throw new RunUsageError('no program given');
  return { wasm, args: [argv0 ?? wasm, ...argv.slice(i + 1)], env: programEnv, preopens, ...(maxThreads === undefined ? {} : { maxThreads }) };
}

const CLI = fileURLToPath(new URL('../bin/wasi-cc.js', import.meta.url));

/**
 * The V8 flags the host of the program at `path` needs (see THREADS_V8_FLAGS); none when it cannot
 * be read (`wasi-cc run` then reports that).
 * @param {string} path
 */
function v8FlagsFor(path) {
  try {
    return hostFor(readFileSync(path)) === 'threads' ? [...THREADS_V8_FLAGS] : [];
  } catch {
    return [];
  }
}

/**
 * The node arguments of `wasi-cc run` for `spec`: the V8 flags its host needs, the CLI, its
 * options and the program's arguments.
 * @param {import('./run.js').RunSpec} spec
 */
export function runArgv(spec) {
  const argv = [...v8FlagsFor(resolve(spec.cwd ?? '.', spec.wasm)), CLI, 'run'];
  for (const [guest, host] of Object.entries(spec.preopens ?? {})) argv.push('--dir', `${host}::${guest}`);
  for (const [k, v] of Object.entries(spec.env ?? {})) argv.push('--env', `${k}=${v}`);
  if (spec.maxThreads !== undefined) argv.push('--max-threads', String(spec.maxThreads));
  const [argv0, ...rest] = spec.args ?? [spec.wasm];
  argv.push('--argv0', argv0 ?? spec.wasm, '--', spec.wasm, ...rest);
  return argv;
}

/**
 * Starts a program in a child process (`wasi-cc run`) with piped stdio, for a caller that talks
 * to it while it runs (a server, say). `spec.stdin` and `spec.timeoutMs` are not used.
 * @param {import('./run.js').RunSpec} spec
 */
export function spawnWasm(spec) {
  return spawn(process.execPath, ['--no-warnings', ...runArgv(spec)], { stdio: ['pipe', 'pipe', 'pipe'], cwd: spec.cwd });
}

/**
 * Runs a program in a child process (`wasi-cc run`), so that a crash, trap or hang of the program
 * cannot take the caller down, and collects its output.
 * @param {import('./run.js').RunSpec} spec
 * @returns {Promise<import('./run.js').RunResult>}
 */
export function runWasm(spec) {
  return new Promise((resolvePromise, reject) => {
    const child = spawnWasm(spec);
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(spec.stdin ?? '');
  });
}

/**
 * The `wasi-cc run` command. Resolves to the exit status.
 * @param {string[]} argv
 */
export async function runCommand(argv) {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`${RUN_USAGE}\n`);
    return 0;
  }
  /** @type {import('./run.js').ExecSpec} */
  let spec;
  try {
    spec = parseRunArgs(argv);
  } catch (err) {
    if (err instanceof RunUsageError) {
      process.stderr.write(`wasi-cc run: error: ${err.message}\n${RUN_USAGE}\n`);
      return 2;
    }
    throw err;
  }
  try {
    spec.bytes = readFileSync(spec.wasm);
  } catch (err) {
    process.stderr.write(`wasi-cc run: error: cannot read ${spec.wasm}: ${/** @type {Error} */ (err).message}\n`);
    return 1;
  }
  return execWasm(spec);
}
