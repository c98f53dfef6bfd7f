// nx build sysroot-*: recipe → source → toolchain → build → verify → install → package files.
//   tsx scripts/build-sysroot.ts <triple> [--out DIR] [--work DIR] [--verbose]
// --out: where the sysroot goes (default packages/<pkg>/sysroot); --work: objects and log
// (default .build/<triple>); --verbose (or WASI_SYSROOTS_VERBOSE=1): stacks of unexpected errors.
// Options also take the --name=value form, which is how `nx build <project> --out=DIR` passes them.
import { join } from 'node:path';
import { WORKSPACE_ROOT, buildRoot, getTriple, noSpaceError, NoSpaceError, UnknownTripleError } from '@wasi-sysroots/recipe';
import { fetchSource, SourceError } from '@wasi-sysroots/source';
import { detectToolchain, ToolchainError } from '@wasi-sysroots/toolchain';
import { buildSysroot, installSysroot, lockWorkDir, watchAncestors, BuildError, BuildInterruptedError, BuildLockError, STOP_SIGNALS, progressPrinter } from '@wasi-sysroots/build';
import { checkAbi, AbiMismatchError } from '@wasi-sysroots/verify/abi';
import { writeSysrootPackageFiles } from '@wasi-sysroots/pack';

const USAGE = 'usage: tsx scripts/build-sysroot.ts <triple> [--out DIR] [--work DIR] [--verbose] (or: npx nx build <project>)';

class UsageError extends Error {}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}


interface Args {
  triple: string;
  out?: string;
  work?: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { verbose: boolean } = { verbose: process.env.WASI_SYSROOTS_VERBOSE === '1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--verbose') args.verbose = true;
    else if (name === '--out' || name === '--work') {
      const value = inline ?? argv[++i];
      if (!value) throw new UsageError(`${name} needs a directory. ${USAGE}`);
      args[name === '--out' ? 'out' : 'work'] = value;
    } else if (name.startsWith('-')) throw new UsageError(`unknown option ${name}. ${USAGE}`);
    else if (args.triple) throw new UsageError(`one triple at a time (got ${args.triple} and ${arg}). ${USAGE}`);
    else args.triple = arg;
  }
  if (!args.triple) throw new UsageError(`no triple given. ${USAGE}`);
  return args as Args;
}

/**
 * Stopping: a signal, or the command above us going away (a signal to the top process of
 * `npx nx build` does not reach us). While make runs, the build stops make and its compilers
 * and throws; at any other point we exit at once, before anything is installed.
 */
const stop = new AbortController();
let making = false;
function stopBuild(why: string): void {
  if (stop.signal.aborted) return;
  stop.abort(why);
  if (!making) {
    say(`error: the build was interrupted (${why}); nothing was installed. Run it again to finish it.`);
    process.exit(1);
  }
}
for (const s of STOP_SIGNALS) process.on(s, () => stopBuild(s));
watchAncestors((pid) => stopBuild(`its parent process ${pid} went away`));

async function main(args: Args): Promise<void> {
  const recipe = getTriple(args.triple);
  const out = args.out ?? join(WORKSPACE_ROOT, recipe.packageDir, 'sysroot');
  const workDir = args.work ?? buildRoot(recipe.triple);

  // One build per work dir: a second build of the same triple waits here for the first.
  const lock = await lockWorkDir(workDir, {
    onWait: (owner, path) => say(`build: waiting for another ${recipe.triple} build (pid ${owner.pid}) to finish; lock ${path}`),
  });
  const started = Date.now();
  let lastBytes = 0;
  const source = await fetchSource({
    onProgress: (e) => {
      if (e.phase === 'damaged') say(`warning: ${e.message}`);
      if (e.phase === 'download' && e.bytes - lastBytes >= 256 * 1024) {
        lastBytes = e.bytes;
        say(`source: ${e.provider} downloaded ${e.bytes}${e.total ? `/${e.total}` : ''} bytes`);
      }
    },
  });
  say(`source: ${source.dir} (${source.provider})`);
  const toolchain = detectToolchain();
  say(`toolchain: ${toolchain.version} (${toolchain.binDir})`);

  making = true;
  const build = await buildSysroot({
    triple: recipe.triple,
    sourceDir: source.dir,
    sourceKey: source.key,
    toolchain,
    workDir,
    signal: stop.signal,
    onProgress: progressPrinter(`compile ${recipe.triple}:`),
  }).finally(() => (making = false));
  if (stop.signal.aborted) throw new BuildInterruptedError(recipe.triple, String(stop.signal.reason));
  say(`build: ${build.compiled} objects compiled; log ${build.logPath}`);

  checkAbi(recipe.triple, build.stagingSysroot);
  say(`verify: ABI matches sysroots/abi/${recipe.triple}/`);

  installSysroot(build.stagingSysroot, out);
  if (!args.out) {
    try {
      writeSysrootPackageFiles(recipe, source.dir);
    } catch (e) {
      throw noSpaceError(e, join(WORKSPACE_ROOT, recipe.packageDir)) ?? e;
    }
    say(`package: ${recipe.packageName} API, README and licenses written`);
  }
  lock.release();
  say(`done: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

let verbose = process.env.WASI_SYSROOTS_VERBOSE === '1';
try {
  const args = parseArgs(process.argv.slice(2));
  verbose = args.verbose;
  await main(args);
} catch (err: unknown) {
  // Our own errors carry the whole story in their message; anything else gets one line, and its
  // stack only with --verbose.
  const known =
    err instanceof UsageError || err instanceof SourceError || err instanceof NoSpaceError || err instanceof BuildError ||
    err instanceof BuildInterruptedError || err instanceof BuildLockError || err instanceof AbiMismatchError ||
    err instanceof ToolchainError || err instanceof UnknownTripleError;
  const message = err instanceof Error ? err.message : String(err);
  if (verbose && err instanceof Error && err.stack) say(`error: ${err.stack}`);
  else say(`error: ${message}${known ? '' : ' (run with --verbose for details)'}`);
  process.exit(err instanceof UsageError ? 2 : 1);
}
