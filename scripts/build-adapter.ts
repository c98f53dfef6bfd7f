// nx build preview1-adapter: take the adapters from the pinned jco package, check their
// sha256, read the WASI version from their metadata, and install them with provenance.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTER, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

function wasiVersionOf(bytes: Buffer): string {
  // The adapter imports the wasi:cli interfaces of exactly the WASI release it implements,
  // e.g. "wasi:cli/stdout@0.2.12".
  const module = new WebAssembly.Module(new Uint8Array(bytes));
  const names = new Set<string>();
  for (const imp of WebAssembly.Module.imports(module)) names.add(imp.module);
  const versions = [...names].map((n) => /^wasi:cli\/[\w-]+@(\d+\.\d+\.\d+)$/.exec(n)?.[1]).filter(Boolean) as string[];
  const unique = [...new Set(versions)];
  if (unique.length !== 1) throw new Error(`cannot tell the adapter's WASI version from its imports (${unique.join(', ') || 'none'})`);
  return unique[0]!;
}

// jco's exports map hides package.json, so find it where npm installs it.
const root = join(WORKSPACE_ROOT, 'node_modules', ADAPTER.from.package);
const pkgJson = join(root, 'package.json');
const installed = JSON.parse(readFileSync(pkgJson, 'utf8')).version as string;
if (installed !== ADAPTER.from.version) {
  console.error(`error: ${ADAPTER.from.package} ${installed} is installed, but the adapters are pinned to ${ADAPTER.from.version}. Run "npm ci".`);
  process.exit(1);
}
const pkgDir = join(WORKSPACE_ROOT, ADAPTER.packageDir);
const tmp = mkdtempSync(join(pkgDir, '.adapters-'));
try {
  const files: Record<string, { path: string; sha256: string }> = {};
  let wasiVersion = '';
  for (const [kind, pin] of Object.entries(ADAPTER.files)) {
    const bytes = readFileSync(join(root, pin.source));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== pin.sha256) {
      throw new Error(`${ADAPTER.from.package}/${pin.source} has sha256 ${sha256}, not the pinned ${pin.sha256}: the installed package is corrupt or tampered. Run "rm -rf node_modules && npm ci".`);
    }
    const name = pin.source.split('/').pop()!;
    writeFileSync(join(tmp, name), bytes);
    files[kind] = { path: `adapters/${name}`, sha256 };
    wasiVersion = wasiVersionOf(bytes);
  }
  const provenance = { sourcePackage: ADAPTER.from.package, sourceVersion: ADAPTER.from.version, wasiVersion, files };
  rmSync(join(pkgDir, 'adapters'), { recursive: true, force: true });
  renameSync(tmp, join(pkgDir, 'adapters'));
  writeFileSync(join(pkgDir, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
  console.log(`preview1-adapter: ${ADAPTER.from.package}@${ADAPTER.from.version} adapters for WASI ${wasiVersion}`);
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
