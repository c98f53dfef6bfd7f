// nx build sysroot-*: recipe → source → toolchain → build → verify → install → package files.
//   tsx scripts/build-sysroot.ts <triple> [--out DIR] [--work DIR]
// --out: where the sysroot goes (default packages/<pkg>/sysroot); --work: objects and log
// (default .build/<triple>).
import { join } from 'node:path';
import { WORKSPACE_ROOT, getTriple, UnknownTripleError } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import { detectToolchain, ToolchainError } from '@wasi-sysroots/toolchain';
import { buildSysroot, installSysroot, BuildError } from '@wasi-sysroots/build';
import { checkAbi, AbiMismatchError } from '@wasi-sysroots/verify/abi';
import { writeSysrootPackageFiles } from '@wasi-sysroots/pack';

const ci = Boolean(process.env.CI) || !process.stderr.isTTY;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** One rewritten line on a terminal; a line per 10% in CI logs. */
function progressPrinter(label: string): (done: number, total: number) => void {
  let lastDecile = -1;
  return (done, total) => {
    const pct = Math.floor((done * 100) / Math.max(total, 1));
    if (!ci) {
      process.stderr.write(`\r${label} ${done}/${total} (${pct}%)`);
      if (done === total) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) !== lastDecile || done === total) {
      lastDecile = Math.floor(pct / 10);
      say(`${label} ${done}/${total} (${pct}%)`);
    }
  };
}

async function main(argv: string[]): Promise<void> {
  const tripleArg = argv[0];
  if (!tripleArg || tripleArg.startsWith('--')) throw new Error('usage: build-sysroot <triple> [--out DIR] [--work DIR]');
  const recipe = getTriple(tripleArg);
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 && argv[outIdx + 1] ? argv[outIdx + 1]! : join(WORKSPACE_ROOT, recipe.packageDir, 'sysroot');
  const workIdx = argv.indexOf('--work');
  const workDir = workIdx >= 0 && argv[workIdx + 1] ? argv[workIdx + 1]! : undefined;

  const started = Date.now();
  let lastBytes = 0;
  const source = await fetchSource({
    onProgress: (e) => {
      if (e.phase === 'download' && e.bytes - lastBytes >= 256 * 1024) {
        lastBytes = e.bytes;
        say(`source: ${e.provider} downloaded ${e.bytes}${e.total ? `/${e.total}` : ''} bytes`);
      }
    },
  });
  say(`source: ${source.dir} (${source.provider})`);
  const toolchain = detectToolchain();
  say(`toolchain: ${toolchain.version} (${toolchain.binDir})`);

  const build = await buildSysroot({
    triple: recipe.triple,
    sourceDir: source.dir,
    toolchain,
    workDir,
    onProgress: progressPrinter(`compile ${recipe.triple}:`),
  });
  say(`build: ${build.compiled} objects compiled; log ${build.logPath}`);

  checkAbi(recipe.triple, build.stagingSysroot);
  say(`verify: ABI matches sysroots/abi/${recipe.triple}/`);

  installSysroot(build.stagingSysroot, out);
  if (outIdx < 0) {
    writeSysrootPackageFiles(recipe, source.dir);
    say(`package: ${recipe.packageName} API, README and licenses written`);
  }
  say(`done: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof BuildError || err instanceof AbiMismatchError || err instanceof ToolchainError || err instanceof UnknownTripleError;
  say(`\nerror: ${err instanceof Error ? (known ? err.message : err.stack) : String(err)}`);
  process.exit(1);
});
