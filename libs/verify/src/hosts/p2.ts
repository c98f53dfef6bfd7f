// Runs wasm32-wasip2 programs as Preview 2 components on @wasi/cc's host (jco-transpiled, on
// @bytecodealliance/preview2-shim), in a child `wasi-cc run` process so that a crash, trap or
// hang cannot take the test runner down.
//
// A program links (with -fuse-ld=lld) into a core module that imports Preview 1 (served by the
// command adapter) and, when it uses sockets, wasi:sockets; libc's component-type section
// describes the latter. makeComponent() wraps the module and the adapter of our own
// @wasi/preview1-adapter into a component.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { componentize, runWasm, spawnWasm, wasmKind, type RunResult, type RunSpec } from '@wasi/cc';
import { commandAdapterPath } from '@wasi/preview1-adapter';
import type { ChildProcess } from 'node:child_process';
import type { ProgramHost } from '../conformance.ts';

/**
 * The Preview 1 command adapter from our own @wasi/preview1-adapter package (built by
 * `nx build preview1-adapter`): the one @wasi/sysroot-wasip2 ships with and depends on.
 */
export function adapterPath(): string {
  if (!existsSync(commandAdapterPath)) {
    throw new Error(`the adapter is not built (${commandAdapterPath}): run "npx nx build preview1-adapter"`);
  }
  return commandAdapterPath;
}

/** True if `bytes` is a component (not a core module). */
export function isComponent(bytes: Uint8Array): boolean {
  return wasmKind(bytes) === 'component';
}

/** Wraps a linked core module into a component (with the command adapter only if it imports Preview 1). */
export async function makeComponent(coreWasmPath: string, outPath: string): Promise<void> {
  const component = await componentize(readFileSync(coreWasmPath), { adapter: adapterPath() });
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, component);
}

let scratch: string | undefined;
/** `wasm` itself when it is a component, else a component made from it in a temporary directory. */
async function componentFile(wasm: string): Promise<string> {
  if (isComponent(readFileSync(wasm))) return wasm;
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), 'wasi-p2-components-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  const out = mkdtempSync(join(scratch, `${basename(wasm, '.wasm')}-`));
  await makeComponent(wasm, join(out, 'component.wasm'));
  return join(out, 'component.wasm');
}

/** Runs a component (or a core module, made into one first), with its exact exit status. */
export async function runP2(spec: RunSpec): Promise<RunResult> {
  return runWasm({ ...spec, wasm: await componentFile(spec.wasm) });
}

/** The wasm32-wasip2 host for the conformance suite. */
export const p2Host: ProgramHost = {
  // clang would run wasm-component-ld, which gives a component; wasm-ld makes the core module,
  // and makeComponent() the component (with the workspace's own adapter).
  linkFlags: ['-fuse-ld=lld'],
  run: runP2,
  // libc exits with exit-with-code, which our host implements: statuses are exact.
  exitStatus: (declared) => declared,
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
 * Starts a component (or core module) in the background. Read what it prints line by line (for
 * example the port a server bound) with nextLine(). It is killed after spec.timeoutMs (120 s).
 */
export async function spawnP2(spec: RunSpec): Promise<P2Process> {
  const child = spawnWasm({ ...spec, wasm: await componentFile(spec.wasm) });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let pending = '';
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let ended = false;
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => {
    out.push(d);
    pending += d.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    wake();
  });
  child.stderr.on('data', (d: Buffer) => err.push(d));
  child.stdin.on('error', () => {});
  child.stdin.end(spec.stdin ?? '');
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
