// Runs a built port's check: its program(s) on the triple's host (wasi-cc run) with a fresh
// preopened directory as /data, against the recipe's fixture, then the host-side checks. Returns
// what was observed beside what the recipe expects; the caller asserts (the tests, the bench).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TripleName } from '@wasi-sysroots/recipe';
import { runWasm, spawnWasm } from '@wasi/cc';
import { portOutDir } from './build.ts';
import { bigBody, freePort, httpGet, sha256, startHttpServers, startRedis, type RunningFixture } from './fixtures.ts';
import { expand, portDir, type PortRecipe, type ProgramRun } from './recipe.ts';

export interface Observation {
  what: string;
  actual: string | number;
  expected: string | number;
}

export interface CheckResult {
  observations: Observation[];
  /** Wall time of the first program run (the bench's figure). */
  runSeconds: number;
}

export const GUEST_DIR = '/data';
/** The port's own folder (its check scripts), seen by the program as /port. */
export const GUEST_PORT_DIR = '/port';

async function startFixture(recipe: PortRecipe): Promise<RunningFixture> {
  switch (recipe.check.fixture) {
    case 'redis':
      return startRedis();
    case 'http-server':
      return startHttpServers();
    case 'http-client':
      return { values: { serverPort: String(await freePort()) }, stop: async () => {} };
    default:
      return { values: {}, stop: async () => {} };
  }
}

function observeRun(run: ProgramRun, r: { exitCode: number | null; signal: string | null; stdout: string; stderr: string }, values: Record<string, string>, where: string): Observation[] {
  return [
    { what: `${run.program} exit status (stderr: ${r.stderr.trim().split('\n').slice(-15).join('\n') || 'empty'})`, actual: r.exitCode ?? `signal ${r.signal}`, expected: 0 },
    { what: `${run.program} stdout`, actual: r.stdout, expected: expand(run.stdout, values, where) },
  ];
}

/** The http-client fixture: the program serves; a Node client asks, all at once, then says quit. */
async function serveAndRequest(recipe: PortRecipe, wasm: string, args: string[], preopens: Record<string, string>, values: Record<string, string>, where: string): Promise<CheckResult> {
  const client = recipe.check.client;
  if (!client) throw new Error(`${where}: fixture http-client needs check.client`);
  const started = Date.now();
  const child = spawnWasm({ wasm, args: [recipe.check.program, ...args], preopens });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ exitCode: number | null; signal: string | null }>((resolve) => child.on('close', (exitCode, signal) => resolve({ exitCode, signal })));
  const observations: Observation[] = [];
  try {
    // Ready when it says so (its first line), not when the port first accepts: some hosts
    // accept before the program calls listen.
    const deadline = Date.now() + 60000;
    while (!stdout.includes('\n')) {
      if (child.exitCode !== null || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!stdout.includes('\n')) {
      child.kill('SIGKILL');
      const e = await exited;
      return { observations: observeRun(recipe.check, { ...e, stdout, stderr }, values, where), runSeconds: (Date.now() - started) / 1000 };
    }
    const port = Number(values.serverPort);
    const all = await Promise.allSettled(Array.from({ length: client.concurrent.count }, () => httpGet(port, client.concurrent.path)));
    const good = all.filter((r) => r.status === 'fulfilled' && r.value.status === 200 && r.value.body.toString('utf8') === client.concurrent.body).length;
    const firstBad = all.find((r) => !(r.status === 'fulfilled' && r.value.status === 200 && r.value.body.toString('utf8') === client.concurrent.body));
    observations.push({
      what: `${client.concurrent.count} concurrent GET ${client.concurrent.path} answered byte-exact${firstBad ? ` (first bad: ${firstBad.status === 'rejected' ? String(firstBad.reason) : `${firstBad.value.status} ${JSON.stringify(firstBad.value.body.toString('utf8').slice(0, 200))}`})` : ''}`,
      actual: good,
      expected: client.concurrent.count,
    });
    const big = await httpGet(port, client.big.path).catch((e: Error) => ({ status: 0, body: Buffer.from(e.message) }));
    observations.push({ what: `GET ${client.big.path} status`, actual: big.status, expected: 200 });
    observations.push({ what: `GET ${client.big.path} length`, actual: big.body.length, expected: client.big.bytes });
    observations.push({ what: `GET ${client.big.path} sha256`, actual: sha256(big.body), expected: client.big.sha256 });
    await httpGet(port, client.quit).catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    const e = await exited;
    clearTimeout(timer);
    observations.push(...observeRun(recipe.check, { ...e, stdout, stderr }, values, where));
    return { observations, runSeconds: (Date.now() - started) / 1000 };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function runPortCheck(recipe: PortRecipe, triple: TripleName): Promise<CheckResult> {
  const where = `ports/${recipe.name}/port.json check (${triple})`;
  const out = portOutDir(recipe.name, triple);
  const dir = mkdtempSync(join(tmpdir(), `port-${recipe.name}-`));
  const preopens = { [GUEST_DIR]: dir, [GUEST_PORT_DIR]: portDir(recipe.name) };
  const fixture = await startFixture(recipe);
  try {
    const values = { ...fixture.values, dir: GUEST_DIR, triple };
    const argsOf = (run: ProgramRun) => run.args.map((a) => expand(a, values, where));
    const envOf = (run: ProgramRun) =>
      Object.fromEntries(Object.entries(run.env ?? {}).map(([k, v]) => [k, expand(v, values, where)]));
    const timeoutMs = recipe.check.timeoutMs ?? 120000;
    let result: CheckResult;
    if (recipe.check.fixture === 'http-client') {
      result = await serveAndRequest(recipe, join(out, recipe.check.program), argsOf(recipe.check), preopens, values, where);
    } else {
      const started = Date.now();
      const r = await runWasm({ wasm: join(out, recipe.check.program), args: [recipe.check.program, ...argsOf(recipe.check)], env: envOf(recipe.check), preopens, timeoutMs });
      result = { observations: observeRun(recipe.check, r, values, where), runSeconds: (Date.now() - started) / 1000 };
    }
    for (const run of recipe.check.alsoRun ?? []) {
      const r = await runWasm({ wasm: join(out, run.program), args: [run.program, ...argsOf(run)], env: envOf(run), preopens, timeoutMs });
      result.observations.push(...observeRun(run, r, values, where));
    }
    // Host tools see the directory under its host path.
    const hostValues = { ...values, dir };
    for (const h of recipe.check.host ?? []) {
      const argv = h.run.map((a) => expand(a, hostValues, where));
      const r = spawnSync(argv[0]!, argv.slice(1), { maxBuffer: 256 * 1024 * 1024 });
      const what = `host: ${argv.join(' ')}`;
      if (r.error) throw new Error(`${what}: ${r.error.message} (npm run setup installs the host tools the ports use)`);
      result.observations.push({ what: `${what} exit status (stderr: ${r.stderr.toString().trim() || 'empty'})`, actual: r.status ?? -1, expected: 0 });
      if (h.stdout !== undefined) result.observations.push({ what: `${what} stdout`, actual: r.stdout.toString('utf8'), expected: expand(h.stdout, hostValues, where) });
      if (h.stdoutSha256 !== undefined) result.observations.push({ what: `${what} stdout sha256`, actual: sha256(r.stdout), expected: h.stdoutSha256 });
    }
    return result;
  } finally {
    await fixture.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export { bigBody, sha256 };

/**
 * The native reference of a check (bench): the program the recipe's native build made in
 * `outDir`, run on the host with the check's arguments ({dir} is a fresh host directory). Only
 * for checks without a fixture.
 */
export function runNativeCheck(recipe: PortRecipe, outDir: string): CheckResult {
  if (!recipe.native || recipe.check.fixture !== 'none') throw new Error(`ports/${recipe.name}: no native reference check`);
  const where = `ports/${recipe.name}/port.json native check`;
  const dir = mkdtempSync(join(tmpdir(), `port-${recipe.name}-native-`));
  try {
    const values = { dir, triple: 'native' };
    const args = recipe.check.args.map((a) => expand(a.replace('/port/', `${portDir(recipe.name)}/`), values, where));
    const started = Date.now();
    const r = spawnSync(join(outDir, recipe.native.program), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const runSeconds = (Date.now() - started) / 1000;
    const run = { ...recipe.check, program: recipe.native.program };
    return { observations: observeRun(run, { exitCode: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') }, { ...values, dir: GUEST_DIR }, where), runSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
