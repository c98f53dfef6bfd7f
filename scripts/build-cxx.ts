// nx build cxx-*: the C++ libraries of one triple (both variants) into packages/cxx-<triple>/sysroot.
//   tsx scripts/build-cxx.ts <triple|nx project> [--out DIR] [--work DIR]
// Needs the triple's sysroot package built (the Nx target depends on it).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, getTriple, loadLlvmManifest, UnknownTripleError } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import { detectToolchain, ToolchainError } from '@wasi-sysroots/toolchain';
import { BuildError, progressPrinter } from '@wasi-sysroots/build';
import { assembleCxxSysroot, buildCxx, CXX_VARIANTS, installTree, type CxxVariant } from '@wasi-sysroots/build/cxx';
import { writeCxxPackageFiles } from '@wasi-sysroots/pack';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Bad arguments: one line, no stack. */
class UsageError extends Error {}

/** Whether the built libc++ has <filesystem> (its __config_site says so). */
function hasFilesystem(tree: string, triple: string): boolean {
  const site = readFileSync(join(tree, 'include', triple, 'c++', 'v1', '__config_site'), 'utf8');
  return /#define _LIBCPP_HAS_FILESYSTEM 1/.test(site);
}

async function main(argv: string[]): Promise<void> {
  const arg = argv[0];
  if (!arg || arg.startsWith('--')) throw new UsageError('usage: tsx scripts/build-cxx.ts <triple> [--out DIR] [--work DIR] (or: npx nx build <cxx project>)');
  const recipe = getTriple(arg);
  const outIdx = argv.indexOf('--out');
  const pkgDir = join(WORKSPACE_ROOT, recipe.cxx.packageDir);
  const out = outIdx >= 0 && argv[outIdx + 1] ? argv[outIdx + 1]! : join(pkgDir, 'sysroot');
  const workIdx = argv.indexOf('--work');
  const workDir = workIdx >= 0 && argv[workIdx + 1] ? argv[workIdx + 1]! : join(WORKSPACE_ROOT, '.build', `cxx-${recipe.triple}`);
  const sysrootPackageDir = join(WORKSPACE_ROOT, recipe.packageDir);
  if (!existsSync(join(sysrootPackageDir, 'sysroot', 'lib', recipe.triple, 'libc.a'))) {
    throw new BuildError(`the ${recipe.triple} sysroot is not built: run \`npx nx build ${recipe.nxProject}\` first`, '(none)', '');
  }
  const started = Date.now();
  const source = await fetchSource({
    manifest: loadLlvmManifest(),
    onProgress: (e) => {
      if (e.phase === 'message' || (e.phase === 'extract' && e.bytes !== undefined)) say(`source: ${e.provider} ${e.phase === 'message' ? e.message : `extracting ${e.bytes}/${e.total} bytes`}`);
    },
  });
  say(`source: ${source.dir} (${source.provider})`);
  const toolchain = detectToolchain();
  say(`toolchain: ${toolchain.version} (${toolchain.binDir})`);
  const staging = join(workDir, 'staging');
  const same = recipe.cxx.sameLibrariesAs ? getTriple(recipe.cxx.sameLibrariesAs) : undefined;
  if (same) {
    // Built once for both triples: copy the other package's tree under this triple's name.
    const from = join(WORKSPACE_ROOT, same.cxx.packageDir, 'sysroot');
    if (!existsSync(join(from, 'lib', same.triple, 'libc++.a'))) {
      throw new BuildError(`${recipe.triple} reuses the ${same.triple} C++ libraries, which are not built: run \`npx nx build ${same.cxx.nxProject}\``, '(none)', '');
    }
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(join(staging, 'include'), { recursive: true });
    mkdirSync(join(staging, 'lib'), { recursive: true });
    cpSync(join(from, 'include', same.triple), join(staging, 'include', recipe.triple), { recursive: true });
    cpSync(join(from, 'lib', same.triple), join(staging, 'lib', recipe.triple), { recursive: true });
    installTree(staging, out);
    if (outIdx < 0) writeCxxPackageFiles(recipe, source.dir, { filesystem: hasFilesystem(out, recipe.triple) });
    say(`done: ${out}: the ${same.triple} libraries (byte-identical for both triples) (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return;
  }
  const installs = {} as Record<CxxVariant, string>;
  for (const variant of CXX_VARIANTS) {
    const t0 = Date.now();
    const res = await buildCxx({
      recipe,
      variant,
      llvmSourceDir: source.dir,
      sysrootPackageDir,
      toolchain,
      workDir: join(workDir, variant),
      onProgress: progressPrinter(`c++ ${recipe.triple} ${variant}:`),
    });
    installs[variant] = res.installDir;
    say(`build: ${variant} variant in ${((Date.now() - t0) / 1000).toFixed(1)} s; log ${res.logPath}`);
  }
  assembleCxxSysroot(recipe.triple, installs, staging);
  installTree(staging, out);
  if (outIdx < 0) {
    writeCxxPackageFiles(recipe, source.dir, { filesystem: hasFilesystem(out, recipe.triple) });
    say(`package: ${recipe.cxx.packageName} API, README and licenses written`);
  }
  say(`done: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof BuildError || err instanceof ToolchainError || err instanceof UnknownTripleError || err instanceof UsageError;
  say(`\nerror: ${err instanceof Error ? (known ? err.message : err.stack) : String(err)}`);
  process.exit(1);
});
