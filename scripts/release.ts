// npm run release [-- --registry URL] [--provenance] [--dry-run]
// Verifies every package, packs each, and publishes them in dependency order (adapter
// first). A version that is already on the registry with the same bytes (dist.integrity) is
// not published again, so a release that stopped part-way can simply be run again; the same
// version with other bytes stops the release before anything is published. On failure it says
// exactly which packages went out and which did not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTER, CC, PUBLISH_ORDER, TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { packPackage, packageJson, type PackedTarball } from '@wasi-sysroots/pack';
import { checkAbi } from '@wasi-sysroots/verify/abi';

interface Options {
  registry?: string;
  provenance: boolean;
  dryRun: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { provenance: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--registry') o.registry = argv[++i];
    else if (a === '--provenance') o.provenance = true;
    else if (a === '--dry-run') o.dryRun = true;
    else throw new Error(`unknown option ${a}; usage: release [--registry URL] [--provenance] [--dry-run]`);
  }
  return o;
}

function npm(args: string[], o: Options) {
  const registry = o.registry ? ['--registry', o.registry] : [];
  return spawnSync('npm', [...args, ...registry], { encoding: 'utf8', cwd: WORKSPACE_ROOT });
}

/** A release problem that one line explains fully: printed without the published/not-published summary. */
class ReleaseError extends Error {}

function registryUrl(o: Options): string {
  return o.registry ?? (npm(['config', 'get', 'registry'], o).stdout.trim() || 'the npm registry');
}

/** npm's own error code and summary from `--json` output (stdout), else from its stderr. */
function npmError(r: ReturnType<typeof spawnSync>): { code: string; summary: string } {
  try {
    const parsed = JSON.parse(String(r.stdout)) as { error?: { code?: string; summary?: string } };
    if (parsed.error) return { code: parsed.error.code ?? 'unknown', summary: (parsed.error.summary ?? '').split('\n')[0]! };
  } catch {
    // not JSON: fall back to the stderr lines below
  }
  const stderr = String(r.stderr);
  const code = /npm error code (\S+)/.exec(stderr)?.[1] ?? (r.error ? (r.error as NodeJS.ErrnoException).code ?? 'unknown' : `exit ${r.status}`);
  const summary = stderr.split('\n').find((l) => l.startsWith('npm error') && !/npm error (code|errno|syscall) /.test(l)) ?? '';
  return { code, summary: summary.replace(/^npm error /, '') };
}

type RegistryState = { published: false } | { published: true; integrity: string };

/**
 * What the registry holds for this exact version. "Not found" only when the registry says so
 * (E404, or a package without this version); any other failure (registry down, timeout) is an
 * error, never "not published". No retries: a dead registry fails at once.
 */
function registryState(t: PackedTarball, o: Options): RegistryState {
  const r = npm(['view', `${t.name}@${t.version}`, 'dist.integrity', '--json', '--fetch-retries=0', '--fetch-timeout=20000'], o);
  if (r.status === 0) {
    const out = r.stdout.trim();
    if (out === '') return { published: false };
    const integrity = JSON.parse(out) as string | string[];
    return { published: true, integrity: Array.isArray(integrity) ? integrity[0]! : integrity };
  }
  const { code, summary } = npmError(r);
  if (code === 'E404') return { published: false };
  throw new ReleaseError(
    `the registry ${registryUrl(o)} did not answer for ${t.name} (${code}${summary ? `: ${summary}` : ''}); ` +
      `nothing was published. Check that it is up and reachable, or pass the right one with --registry URL.`,
  );
}

/** Everything that must hold before anything is published. */
function verify(): void {
  const problems: string[] = [];
  const versions = new Set(PUBLISH_ORDER.map((p) => packageJson(join(WORKSPACE_ROOT, p.packageDir)).version));
  if (versions.size !== 1) problems.push(`packages are not in lockstep: versions ${[...versions].join(', ')}`);
  const adapterVersion = packageJson(join(WORKSPACE_ROOT, ADAPTER.packageDir)).version;
  for (const t of TRIPLES) {
    const dir = join(WORKSPACE_ROOT, t.packageDir);
    const sysroot = join(dir, 'sysroot');
    if (!existsSync(join(sysroot, 'lib', t.triple, 'libc.a')) || !existsSync(join(dir, 'index.js'))) {
      problems.push(`${t.packageName}: not built (run "npx nx build ${t.nxProject}")`);
      continue;
    }
    try {
      checkAbi(t.triple, sysroot);
    } catch (err) {
      problems.push(`${t.packageName}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    const cxxDir = join(WORKSPACE_ROOT, t.cxx.packageDir);
    if (!existsSync(join(cxxDir, 'sysroot', 'lib', t.triple, 'libc++.a')) || !existsSync(join(cxxDir, 'sysroot', 'lib', t.triple, 'eh', 'libunwind.a'))) {
      problems.push(`${t.cxx.packageName}: not built (run "npx nx build ${t.cxx.nxProject}")`);
    }
    const sysrootDep = packageJson(cxxDir).dependencies?.[t.packageName];
    const sysrootVersion = packageJson(dir).version;
    if (sysrootDep !== sysrootVersion) problems.push(`${t.cxx.packageName} must depend on exactly ${t.packageName}@${sysrootVersion}, not "${sysrootDep}"`);
    if (t.component) {
      const dep = packageJson(dir).dependencies?.[ADAPTER.packageName];
      if (dep !== adapterVersion) problems.push(`${t.packageName} must depend on exactly ${ADAPTER.packageName}@${adapterVersion}, not "${dep}"`);
    }
  }
  if (!existsSync(join(WORKSPACE_ROOT, ADAPTER.packageDir, 'provenance.json'))) {
    problems.push(`${ADAPTER.packageName}: not built (run "npx nx build ${ADAPTER.nxProject}")`);
  }
  // @wasi/cc ships compiled: its exports and bins are files under dist/.
  if (!existsSync(join(WORKSPACE_ROOT, CC.packageDir, 'dist', 'index.js'))) {
    problems.push(`${CC.packageName}: not built (run "npx nx build ${CC.nxProject}")`);
  }
  if (problems.length) throw new Error(`release verification failed:\n  - ${problems.join('\n  - ')}`);
}

export async function release(o: Options): Promise<void> {
  verify();
  const out = mkdtempSync(join(tmpdir(), 'release-'));
  const published: string[] = [];
  const skipped: string[] = [];
  let current = '';
  try {
    const tarballs = PUBLISH_ORDER.map((p) => packPackage(join(WORKSPACE_ROOT, p.packageDir), out));
    for (const t of tarballs) console.log(`packed ${t.name}@${t.version}: ${t.size} bytes, sha256 ${t.sha256}`);
    // Ask the registry about every package before publishing any: a version that is there with
    // other bytes would make a mixed release, so that stops the release before it starts.
    const onRegistry = new Map(tarballs.map((t) => [t, registryState(t, o)] as const));
    const differing = tarballs.filter((t) => {
      const state = onRegistry.get(t)!;
      return state.published && state.integrity !== t.integrity;
    });
    if (differing.length > 0) {
      throw new ReleaseError(
        `${differing.map((t) => `${t.name}@${t.version}`).join(', ')} ${differing.length === 1 ? 'is' : 'are'} already on ${registryUrl(o)} ` +
          `with different bytes (${differing.map((t) => `registry ${(onRegistry.get(t) as { integrity: string }).integrity}, local ${t.integrity}`).join('; ')}); ` +
          `nothing was published. A version cannot be published twice: bump the version (npm run version-packages) and release again.`,
      );
    }
    for (const t of tarballs) {
      current = `${t.name}@${t.version}`;
      if (onRegistry.get(t)!.published) {
        skipped.push(current);
        console.log(`${current} is already published with identical bytes; skipped`);
        continue;
      }
      const args = ['publish', t.tarball, '--access', 'public', ...(o.provenance ? ['--provenance'] : []), ...(o.dryRun ? ['--dry-run'] : [])];
      const r = npm(args, o);
      if (r.status !== 0) throw new Error(`npm publish ${current} failed:\n${r.stderr.trim()}`);
      published.push(current);
      console.log(`published ${current}${o.dryRun ? ' (dry run)' : ''}`);
    }
    current = '';
  } catch (err) {
    if (err instanceof ReleaseError) throw err;
    const notOut = PUBLISH_ORDER.map((p) => p.packageName).filter((n) => ![...published, ...skipped].some((p) => p.startsWith(`${n}@`)));
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n` +
        `release stopped${current ? ` at ${current}` : ''}.\n` +
        `  published now: ${published.join(', ') || 'none'}\n` +
        `  already on the registry: ${skipped.join(', ') || 'none'}\n` +
        `  NOT published: ${notOut.join(', ') || 'none'}\n` +
        `Fix the cause and run the release again: packages already published are skipped.`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

release(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
