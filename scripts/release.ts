// npm run release [-- --registry URL] [--provenance] [--dry-run]
// Verifies every package, packs each, and publishes them in dependency order (adapter
// first). A version that is already on the registry is not published again, so a release
// that stopped part-way can simply be run again. On failure it says exactly which packages
// went out and which did not.
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

function alreadyPublished(t: PackedTarball, o: Options): boolean {
  const r = npm(['view', `${t.name}@${t.version}`, 'version', '--json'], o);
  return r.status === 0 && r.stdout.trim() !== '';
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
    for (const t of tarballs) {
      current = `${t.name}@${t.version}`;
      if (alreadyPublished(t, o)) {
        skipped.push(current);
        console.log(`${current} is already published; skipped`);
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
