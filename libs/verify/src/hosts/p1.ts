// Runs a Preview 1 core module on Node's own WASI host (node:wasi), in a child process
// so that a crash, trap or hang of the program under test cannot take the test runner down.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RunSpec {
  wasm: string;
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
  stdin?: string | Buffer;
  /** Kill the program after this long (a safety net; tests assert on results, not timing). */
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const RUNNER = fileURLToPath(new URL('./p1-runner.mjs', import.meta.url));

/** Spawns `node [nodeArgs] script [scriptArgs]` and collects its output. */
export function runNodeChild(
  nodeArgs: string[],
  stdin: string | Buffer | undefined,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', ...nodeArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}

export function runP1(spec: RunSpec): Promise<RunResult> {
  const payload = { wasm: spec.wasm, args: spec.args, env: spec.env ?? {}, preopens: spec.preopens ?? {} };
  return runNodeChild([RUNNER, JSON.stringify(payload)], spec.stdin, spec.timeoutMs ?? 60_000);
}
