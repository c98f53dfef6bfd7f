// wasi-cc run: runs a .wasm on the host that fits it. A component (layer 1 in the header) runs on
// preview2-shim; a core module that imports a shared memory or wasi.thread-spawn runs on the
// wasi-threads host; any other core module runs on node:wasi.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { debugEnabled, firstLine, InvalidWasmError, reportError } from './errors.js';
import { WASI_CC_BIN } from './files.js';
import { coreFlavor, moduleInterface, wasmKind } from './wasm.js';
import { THREADS_V8_FLAGS } from './hosts/threads.js';
import { P1_V8_FLAGS } from './hosts/p1-fixes.js';
import type { HostSpec } from './hosts/spec.js';

export type { HostSpec };

export interface ExecSpec {
  wasm: string;
  /** The file's bytes, when already read. */
  bytes?: Uint8Array;
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
  /** wasi-threads: at most this many threads besides the main one at a time (0: none). */
  maxThreads?: number;
  /** Report a failure of the host with its details (--verbose). */
  verbose?: boolean;
}

export interface RunSpec {
  wasm: string;
  /** argv, including argv[0] (default: [wasm]). */
  args?: string[];
  env?: Record<string, string>;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
  stdin?: string | Buffer;
  cwd?: string;
  /** Kill the program after this long (default 60 s). */
  timeoutMs?: number;
  /** wasi-threads: at most this many threads besides the main one at a time (0: none). */
  maxThreads?: number;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const RUN_USAGE = `usage: wasi-cc run [options] PROGRAM.wasm [ARGS...]

Runs a WASI program: a Preview 2 component on preview2-shim, a wasm32-wasip1-threads module on
worker threads (each thread in a worker of its own), any other Preview 1 module on node:wasi.
Exits with the program's status (a component through the Preview 1 adapter only with 0 or 1; a
trap exits with 134).

Options:
  --dir HOST[::GUEST]   give the program the host directory HOST, seen as GUEST (default HOST)
  --env NAME[=VALUE]    set an environment variable (without =VALUE: this process's value)
  --argv0 NAME          the program's argv[0] (default PROGRAM.wasm as given)
  --max-threads N       wasi-threads programs: at most N threads besides the main one at a time;
                        pthread_create fails with EAGAIN beyond (0: every spawn fails)
  --verbose             when the host fails, show the details (also WASI_CC_DEBUG=1)
  --                    end of options`;

/** Which host a .wasm needs: 'component', 'threads', 'p1', or undefined when not WebAssembly. */
export function hostFor(bytes: Uint8Array): 'p1' | 'threads' | 'component' | undefined {
  const kind = wasmKind(bytes);
  if (kind === 'component') return 'component';
  if (kind === 'core') return coreFlavor(moduleInterface(bytes));
  return undefined;
}

/**
 * Runs a program in this process and resolves to its exit status. The caller should exit with it
 * (threads may still be running).
 */
export async function execWasm(spec: ExecSpec): Promise<number> {
  const bytes = spec.bytes ?? readFileSync(spec.wasm);
  const fail = (message: string): number => {
    process.stderr.write(`wasi-cc: error: ${spec.wasm} ${message}\n`);
    return 1;
  };
  const damaged = (err: unknown): number => {
    fail(`is not a valid WebAssembly ${wasmKind(bytes) === 'component' ? 'component' : 'module'} (truncated or damaged?): ${firstLine(err)}`);
    if (spec.verbose || debugEnabled()) process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  };
  let host: ReturnType<typeof hostFor>;
  try {
    host = hostFor(bytes);
  } catch (err) {
    return damaged(err);
  }
  if (host === undefined) return fail('is not a WebAssembly module or component');
  if (host !== 'component') {
    // A wasm32-wasip2 core module (linked with -fuse-ld=lld or --skip-wit-component) imports
    // component-model interfaces (wasi:sockets/...) that no core host provides.
    const p2 = moduleInterface(bytes).imports.find((i) => i.module.includes(':'));
    if (p2) return fail(`is a wasm32-wasip2 core module, not a component (it imports ${p2.module}): link it with wasi-cc to make a component`);
  }
  const hostSpec: HostSpec = { bytes, args: spec.args, env: spec.env ?? {}, preopens: spec.preopens ?? {}, maxThreads: spec.maxThreads };
  try {
    if (host === 'component') return await (await import('./hosts/p2.js')).runComponent(hostSpec);
    if (host === 'threads') return await (await import('./hosts/threads.js')).runThreads(hostSpec);
    return await (await import('./hosts/p1.js')).runPreview1(hostSpec);
  } catch (err) {
    if (err instanceof WebAssembly.CompileError || err instanceof InvalidWasmError) return damaged(err);
    throw err;
  }
}

export class RunUsageError extends Error {}

/** The `wasi-cc run` options: `argv` is what follows "run". */
export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ExecSpec {
  const preopens: Record<string, string> = {};
  const programEnv: Record<string, string> = {};
  let argv0: string | undefined;
  let maxThreads: number | undefined;
  let verbose = false;
  let i = 0;
  const value = (flag: string): string => {
    const a = argv[i] as string;
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (i + 1 >= argv.length) throw new RunUsageError(`${flag} needs a value`);
    return argv[++i] as string;
  };
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
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
      else {
        const inherited = env[v];
        if (inherited !== undefined) programEnv[v] = inherited;
      }
    } else if (a === '--argv0' || a.startsWith('--argv0=')) argv0 = value('--argv0');
    else if (a === '--max-threads' || a.startsWith('--max-threads=')) {
      const v = value('--max-threads');
      maxThreads = Number(v);
      if (!/^\d+$/.test(v)) throw new RunUsageError(`--max-threads needs a number, not "${v}"`);
    }
    else if (a === '--verbose') verbose = true;
    else if (a.startsWith('-') && a !== '-') throw new RunUsageError(`unknown option ${a}`);
    else break;
  }
  const wasm = argv[i];
  if (!wasm) throw new RunUsageError('no program given');
  return {
    wasm,
    args: [argv0 ?? wasm, ...argv.slice(i + 1)],
    env: programEnv,
    preopens,
    ...(maxThreads === undefined ? {} : { maxThreads }),
    ...(verbose ? { verbose } : {}),
  };
}

/**
 * The V8 flags the host of the program at `path` needs (see THREADS_V8_FLAGS); none when it cannot
 * be read (`wasi-cc run` then reports that).
 */
function v8FlagsFor(path: string): string[] {
  try {
    const host = hostFor(readFileSync(path));
    return host === 'threads' ? [...THREADS_V8_FLAGS] : host === 'p1' ? [...P1_V8_FLAGS] : [];
  } catch {
    return [];
  }
}

/**
 * The node arguments of `wasi-cc run` for `spec`: the V8 flags its host needs, the CLI, its
 * options and the program's arguments.
 */
export function runArgv(spec: RunSpec): string[] {
  const argv = [...v8FlagsFor(resolve(spec.cwd ?? '.', spec.wasm)), WASI_CC_BIN, 'run'];
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
 */
export function spawnWasm(spec: RunSpec): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--no-warnings', ...runArgv(spec)], { stdio: ['pipe', 'pipe', 'pipe'], cwd: spec.cwd });
}

/**
 * Runs a program in a child process (`wasi-cc run`), so that a crash, trap or hang of the program
 * cannot take the caller down, and collects its output.
 */
export function runWasm(spec: RunSpec): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnWasm(spec);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
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

/** The `wasi-cc run` command. Resolves to the exit status. */
export async function runCommand(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`${RUN_USAGE}\n`);
    return 0;
  }
  let spec: ExecSpec;
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
    process.stderr.write(`wasi-cc run: error: cannot read ${spec.wasm}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  try {
    return await execWasm(spec);
  } catch (err) {
    return reportError('wasi-cc', err, spec.verbose === true || debugEnabled());
  }
}
