// Runs wasm32-wasip2 programs as Preview 2 components on Node, with jco and
// @bytecodealliance/preview2-shim.
//
// A program links (with -fuse-ld=lld) into a core module that imports Preview 1
// (served by the command adapter) and, when it uses sockets, wasi:sockets;
// libc's component-type section describes the latter. makeComponent() wraps the
// module and the adapter into a component; the component is transpiled to
// JavaScript in this process (cached by content) and run in a child process by
// p2-runner.mjs, so that a crash, trap or hang cannot take the test runner down.
//
// Measured on the project's machine: transpile here plus a `node` child takes
// about 0.1-0.2 s per run once jco is loaded (the first transpile about 0.45 s);
// `jco run` takes about 1.3 s per run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type { ProgramHost } from '../conformance.ts';
import { runNodeChild, type RunResult, type RunSpec } from './p1.ts';

const RUNNER = fileURLToPath(new URL('./p2-runner.mjs', import.meta.url));
const require = createRequire(import.meta.url);

type Jco = typeof import('@bytecodealliance/jco');
let jcoPromise: Promise<Jco> | undefined;
function jco(): Promise<Jco> {
  // Loaded on first use: importing jco costs a few hundred milliseconds.
  jcoPromise ??= import('@bytecodealliance/jco');
  return jcoPromise;
}

/**
 * The Preview 1 command adapter from our own @wasi/preview1-adapter package (built by
 * `nx build preview1-adapter`): the one @wasi/sysroot-wasip2 ships with and depends on.
 */
export async function adapterPath(): Promise<string> {
  const adapter = await import('@wasi/preview1-adapter');
  if (!existsSync(adapter.commandAdapterPath)) {
    throw new Error(`the adapter is not built (${adapter.commandAdapterPath}): run "npx nx build preview1-adapter"`);
  }
  return adapter.commandAdapterPath;
}

/** True if `bytes` is a component (not a core module). */
export function isComponent(bytes: Uint8Array): boolean {
  // Both start with \0asm; a core module has version 1, a component the layer byte 1.
  return bytes.length >= 8 && bytes[4] === 0x0d && bytes[6] === 0x01;
}

/** Wraps a linked core module and the command adapter into a component. */
export async function makeComponent(coreWasmPath: string, outPath: string): Promise<void> {
  const j = await jco();
  const adapter = readFileSync(await adapterPath());
  const component = await j.componentNew(readFileSync(coreWasmPath), [['wasi_snapshot_preview1', adapter]]);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, component);
}

let cacheRoot: string | undefined;
function transpileCacheRoot(): string {
  if (!cacheRoot) {
    const root = mkdtempSync(join(tmpdir(), 'wasi-p2-js-'));
    cacheRoot = root;
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return cacheRoot;
}

/** preview2-shim module URLs, the same files the runner itself imports. */
function shimMap(): Record<string, string> {
  const url = (sub: string) => pathToFileURL(require.resolve(`@bytecodealliance/preview2-shim/${sub}`)).href;
  return {
    'wasi:cli/*': `${url('cli')}#*`,
    'wasi:clocks/*': `${url('clocks')}#*`,
    'wasi:filesystem/*': `${url('filesystem')}#*`,
    'wasi:http/*': `${url('http')}#*`,
    'wasi:io/*': `${url('io')}#*`,
    'wasi:random/*': `${url('random')}#*`,
    'wasi:sockets/*': `${url('sockets')}#*`,
  };
}

/**
 * Host bug workaround (jco 1.35): the generated bindings return an empty string
 * to the guest without calling its realloc, which the canonical ABI requires.
 * The Preview 1 adapter relies on one allocation per string when it lays out
 * environment variables, so a variable with an empty value loses its
 * terminator and swallows the next one ("A=" followed by "B=x" reads as
 * "A=B=x"). Dropping the shortcut makes empty strings allocate like the others.
 */
export function fixEmptyStrings(js: string): string {
  return js.replace(/if \(s\.length === 0\) \{ return \{ ptr: 1, len: 0 \}; \}/g, '');
}

/**
 * Transpiles a component to an ES module (`<dir>/prog.js`) and returns the
 * directory. Results are cached by content for the life of this process.
 */
export async function transpileComponent(component: Uint8Array): Promise<string> {
  const hash = createHash('sha256').update(component).digest('hex').slice(0, 32);
  const dir = join(transpileCacheRoot(), hash);
  if (existsSync(join(dir, 'prog.js'))) return dir;
  const j = await jco();
  const { files } = await j.transpile(component, { name: 'prog', noTypescript: true, map: shimMap() });
  const staging = mkdtempSync(join(transpileCacheRoot(), 'staging-'));
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(staging, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name === 'prog.js' ? fixEmptyStrings(Buffer.from(bytes).toString('utf8')) : bytes);
  }
  try {
    renameSync(staging, dir);
  } catch {
    // Another run made the same directory first.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** A component (made from spec.wasm if that is a core module), ready to run. */
async function prepare(spec: RunSpec): Promise<string[]> {
  let bytes: Uint8Array = readFileSync(spec.wasm);
  if (!isComponent(bytes)) {
    const j = await jco();
    bytes = await j.componentNew(bytes, [['wasi_snapshot_preview1', readFileSync(await adapterPath())]]);
  }
  const dir = await transpileComponent(bytes);
  const payload = { dir, args: spec.args, env: spec.env ?? {}, preopens: spec.preopens ?? {} };
  return [RUNNER, JSON.stringify(payload)];
}

/**
 * Runs a component (or a core module, made into one first) on preview2-shim in
 * a child process. The exit status is 0 or 1: wasi:cli/exit 0.2 carries no code.
 */
export async function runP2(spec: RunSpec): Promise<RunResult> {
  return runNodeChild(await prepare(spec), spec.stdin, spec.timeoutMs ?? 60_000);
}

/** The wasm32-wasip2 host for the conformance suite. */
export const p2Host: ProgramHost = {
  // clang would run wasm-component-ld, which is not available; wasm-ld makes the
  // core module and makeComponent() the component.
  linkFlags: ['-fuse-ld=lld'],
  async run(spec: RunSpec): Promise<RunResult> {
    const component = spec.wasm.replace(/(\.wasm)?$/, '.component.wasm');
    await makeComponent(spec.wasm, component);
    return runP2({ ...spec, wasm: component });
  },
  // wasi:cli/exit 0.2 carries only ok or err.
  exitStatus: (declared) => (declared === 0 ? 0 : 1),
};

/** A program running in the background (a server, typically). */
export interface P2Process {
  child: ChildProcess;
  /** The next line the program writes to stdout (without the newline). */
  nextLine(timeoutMs?: number): Promise<string>;
  /** Waits for the program to end and returns everything it printed. */
  result(): Promise<RunResult>;
  /** Kills the program (SIGKILL) and waits for it to end. */
  kill(): Promise<RunResult>;
}

/**
 * Starts a component (or core module) in the background. Read what it prints
 * line by line (for example the port a server bound) with nextLine().
 */
export async function spawnP2(spec: RunSpec): Promise<P2Process> {
  const args = await prepare(spec);
  const child = spawn(process.execPath, ['--no-warnings', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let pending = '';
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let ended = false;
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout!.on('data', (d: Buffer) => {
    out.push(d);
    pending += d.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    wake();
  });
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  child.stdin!.on('error', () => {});
  child.stdin!.end(spec.stdin ?? '');
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      ended = true;
      wake();
      resolve({
        exitCode: code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
  const safety = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs ?? 120_000);
  done.finally(() => clearTimeout(safety)).catch(() => {});

  return {
    child,
    async nextLine(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.shift();
        if (line !== undefined) return line;
        if (ended) {
          const r = await done;
          throw new Error(`program ended (exit ${r.exitCode}) before printing a line; stderr: ${r.stderr}`);
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no line from the program within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    result: () => done,
    async kill() {
      if (!ended) child.kill('SIGKILL');
      return done;
    },
  };
}
