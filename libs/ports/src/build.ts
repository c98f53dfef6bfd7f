// Builds one port for one triple: a fresh copy of its verified source, its recipe's steps run with
// wasi-cc / wasi-c++ and the packaged CMake toolchain files on PATH, the full log in a file, and
// its programs moved into ports/<name>/out/<triple> only when every step succeeded.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { WORKSPACE_ROOT, getTriple, type TripleName } from '@wasi-sysroots/recipe';
import { BuildError } from '@wasi-sysroots/build';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { expand, portDir, portVars, PortRecipeError, type BuildStep, type PortRecipe } from './recipe.ts';
import { fetchPortSource } from './source.ts';

export const PORTS_JOBS = 2;

const require = createRequire(import.meta.url);

/** Scratch space of a port build (source copy, build tree, log): git-ignored. */
export function portWorkDir(name: string, triple: TripleName): string {
  return join(WORKSPACE_ROOT, '.build', 'ports', name, triple);
}

/** Where a port's built programs go (the Nx target's output). */
export function portOutDir(name: string, triple: TripleName): string {
  return join(portDir(name), 'out', triple);
}

/** The CMake toolchain file a user of the triple's sysroot package gets. */
export function cmakeToolchainFile(triple: TripleName): string {
  const t = getTriple(triple);
  return join(WORKSPACE_ROOT, 'node_modules', t.packageName, 'cmake', `${triple}.cmake`);
}

/**
 * A directory with @wasi/cc's commands (wasi-cc, wasm-component-ld, ...), linked from its
 * package.json "bin": what `npm i @wasi/cc` puts in node_modules/.bin. Made here because npm
 * links a workspace's bins only when their files exist at install time, before cc is built.
 */
export function ccBinDir(): string {
  const pkgDir = dirname(require.resolve('@wasi/cc/package.json'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const dir = join(WORKSPACE_ROOT, '.build', 'ports', 'bin');
  mkdirSync(dir, { recursive: true });
  for (const [name, rel] of Object.entries(pkg.bin ?? {})) {
    const target = join(pkgDir, rel);
    if (!existsSync(target)) throw new PortRecipeError(`${name} (${target}) is missing: build @wasi/cc first (npx nx build cc)`);
    // Renamed into place: builds running at once each see a complete link.
    const tmp = join(dir, `.${name}.${process.pid}`);
    rmSync(tmp, { force: true });
    symlinkSync(target, tmp);
    renameSync(tmp, join(dir, name));
  }
  return dir;
}

export type BuildEvent =
  | { kind: 'step'; index: number; total: number; command: string }
  | { kind: 'compiled'; count: number }
  | { kind: 'message'; message: string };

export interface PortBuildRequest {
  recipe: PortRecipe;
  triple: TripleName;
  jobs?: number;
  /**
   * Build the recipe's native reference instead (recipe.native, with the host's clang) into
   * .build/ports/<name>/native/out; nothing is installed. For the bench.
   */
  native?: boolean;
  onEvent?: (e: BuildEvent) => void;
}

export interface PortBuildResult {
  outDir: string;
  logPath: string;
  seconds: number;
}

/** Lines of build output that mean one source file was compiled (make, CMake, libtool). */
const COMPILE_LINE = /(^\[\s*\d+%\] Building (C|CXX) object )|(^\s*CC(LD)?\s+\S+\.l?o$)|((wasi-cc|wasi-c\+\+|clang\S*)\s.*\s-c\s)/;

function tail(path: string, lines = 40): string {
  return existsSync(path) ? readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

/** The command line of a step for a triple, every placeholder expanded; undefined when skipped. */
export function stepCommand(step: BuildStep, recipe: PortRecipe, triple: TripleName, values: Record<string, string>): { argv: string[]; cwd: string } | undefined {
  if (step.triples && !step.triples.includes(triple)) return undefined;
  const where = `ports/${recipe.name}/port.json (${triple})`;
  const argv: string[] = [];
  for (const arg of step.run) {
    const whole = /^\{@([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(arg);
    if (whole) argv.push(...expand(`{${whole[1]}}`, values, where).split(/\s+/).filter(Boolean));
    else argv.push(expand(arg, values, where));
  }
  return { argv, cwd: expand(step.cwd ?? '{build}', values, where) };
}

/** The placeholder values of a build: fixed paths first, then the recipe's variables (which may use them). */
export function buildValues(
  recipe: PortRecipe,
  triple: TripleName,
  dirs: { src: string; build: string; out: string },
  jobs: number,
  hostcc = 'cc',
): Record<string, string> {
  const base: Record<string, string> = {
    ...dirs,
    // The build machine's C compiler, for steps that generate sources natively (LLVM's clang).
    hostcc,
    port: portDir(recipe.name),
    triple,
    toolchain: cmakeToolchainFile(triple),
    jobs: String(jobs),
  };
  const values = { ...base };
  for (const [k, v] of Object.entries(portVars(recipe, triple))) values[k] = expand(v, base, `ports/${recipe.name}/port.json vars.${k}`);
  return values;
}

function runStep(argv: string[], cwd: string, env: NodeJS.ProcessEnv, log: NodeJS.WritableStream, onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = (signal: NodeJS.Signals) => child.kill(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let pending = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => {
      log.write(`\n# could not run ${argv[0]}: ${e.message}\n`);
      resolve(127);
    });
    child.on('close', (status, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(status ?? (signal ? 128 : 1));
    });
  });
}

export async function buildPort(req: PortBuildRequest): Promise<PortBuildResult> {
  const { recipe, triple } = req;
  const started = Date.now();
  const jobs = req.jobs ?? PORTS_JOBS;
  const say = (message: string) => req.onEvent?.({ kind: 'message', message });
  const source = await fetchPortSource(recipe.name, recipe.source, say);
  const toolchain = detectToolchain();
  const native = req.native ? recipe.native : undefined;
  if (req.native && !native) throw new PortRecipeError(`ports/${recipe.name}/port.json has no "native" reference build`);
  const target = native ? 'native build' : triple;
  const work = native ? join(portWorkDir(recipe.name, triple), '..', 'native') : portWorkDir(recipe.name, triple);
  rmSync(work, { recursive: true, force: true });
  const dirs = { src: join(work, 'src'), build: join(work, 'build'), out: join(work, 'out') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // Builds write into their tree (configure, in-tree makefiles): each gets its own copy. Its
  // files keep their times: with fresh ones, make would find configure older than configure.ac
  // and an autotools project would try to regenerate itself.
  cpSync(source, dirs.src, { recursive: true, preserveTimestamps: true });
  const logPath = join(work, 'build.log');
  const log = createWriteStream(logPath);
  const values = buildValues(recipe, triple, dirs, jobs, toolchain.clang);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [ccBinDir(), toolchain.binDir, process.env.PATH ?? ''].join(delimiter),
    // Reproducible archives and embedded dates.
    SOURCE_DATE_EPOCH: '0',
    ZERO_AR_DATE: '1',
  };
  const steps = (native ? native.build.map((s) => ({ ...s, triples: undefined })) : recipe.build)
    .map((s) => stepCommand(s, recipe, triple, values))
    .filter((s) => s !== undefined);
  let compiled = 0;
  try {
    for (const [i, step] of steps.entries()) {
      const command = step.argv.join(' ');
      req.onEvent?.({ kind: 'step', index: i + 1, total: steps.length, command });
      log.write(`\n# [${i + 1}/${steps.length}] (cd ${step.cwd} && ${command})\n`);
      const code = await runStep(step.argv, step.cwd, env, log, (line) => {
        if (COMPILE_LINE.test(line)) req.onEvent?.({ kind: 'compiled', count: ++compiled });
      });
      if (code !== 0) {
        await new Promise<void>((r) => log.end(r));
        throw new BuildError(
          `port ${recipe.name} for ${target}: step ${i + 1}/${steps.length} failed (exit status ${code}): ${command}`,
          logPath,
          tail(logPath),
        );
      }
    }
  } finally {
    if (log.writable) await new Promise<void>((r) => log.end(r));
  }
  const programName = native ? native.program : recipe.check.program;
  if (!existsSync(join(dirs.out, programName))) {
    throw new BuildError(`port ${recipe.name} for ${target}: the build succeeded but made no ${programName} in {out}`, logPath, tail(logPath));
  }
  if (native) return { outDir: dirs.out, logPath, seconds: (Date.now() - started) / 1000 };
  const outDir = portOutDir(recipe.name, triple);
  const old = `${outDir}.old-${process.pid}`;
  mkdirSync(join(outDir, '..'), { recursive: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  cpSync(dirs.out, outDir, { recursive: true });
  rmSync(old, { recursive: true, force: true });
  return { outDir, logPath, seconds: (Date.now() - started) / 1000 };
}
