// wasi-cc doctor: what wasi-cc would use, with versions, and the fix for everything missing.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { detectToolchain, ToolchainError, INSTALL_COMMAND } from './toolchain.js';
import { findSysrootPackage, TARGETS } from './targets.js';
import { COMPONENT_LD } from './files.js';
import { dependencyVersion, packageVersion } from './version.js';

export interface DoctorCheck {
  /** missing: required and not there (doctor fails); absent: optional and not there. */
  status: 'ok' | 'missing' | 'absent' | 'warning';
  name: string;
  detail: string;
  fix?: string | undefined;
}

export interface DoctorOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sysroot packages that must be installed; when empty, at least one must be. */
  targets?: string[];
}

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]?.trim() ?? '';
  } catch {
    return '';
  }
}

/** The Debian package owning `path` and its version, when dpkg knows it. */
function debianPackageOf(path: string): string {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    /* keep path */
  }
  const owner = firstLine('dpkg-query', ['-S', real]).split(':')[0];
  if (!owner) return '';
  const version = firstLine('dpkg-query', ['-W', '-f=${Version}', owner]);
  return version ? `${owner} ${version}` : owner;
}

/** What `wasi-cc doctor` checks. */
export async function doctorChecks(options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const env = options.env ?? process.env;
  const checks: DoctorCheck[] = [];
  const nodeOk = Number(process.versions.node.split('.')[0]) >= 20;
  checks.push({
    status: nodeOk ? 'ok' : 'missing',
    name: 'node',
    detail: `v${process.versions.node} (${process.execPath})`,
    fix: nodeOk ? undefined : 'install Node.js 20 or later',
  });

  try {
    const tc = detectToolchain({ env });
    checks.push({ status: 'ok', name: 'clang', detail: `${tc.version} (${tc.clang})` });
    checks.push({ status: 'ok', name: 'wasm-ld', detail: `${firstLine(tc.wasmLd, ['--version']) || 'unknown version'} (${tc.wasmLd})` });
    const resource = /\/clang\/(\d+)\//.exec(tc.builtins)?.[1];
    const deb = debianPackageOf(tc.builtins);
    checks.push({
      status: 'ok',
      name: 'builtins',
      detail: `compiler-rt for LLVM ${resource ?? tc.major}${deb ? `, ${deb}` : ''} (${tc.builtins})`,
    });
    if (resource && Number(resource) !== tc.major) {
      checks.push({ status: 'warning', name: 'builtins', detail: `the builtins are from LLVM ${resource} but clang is LLVM ${tc.major}` });
    }
  } catch (err) {
    if (!(err instanceof ToolchainError)) throw err;
    const [problem, ...fix] = err.message.split('\n');
    checks.push({ status: 'missing', name: 'toolchain', detail: problem ?? '', fix: fix.map((l) => l.trim()).join(' ') || INSTALL_COMMAND() });
  }

  checks.push({
    status: existsSync(COMPONENT_LD) ? 'ok' : 'missing',
    name: 'wasm-component-ld',
    detail: `@wasi/cc ${packageVersion()} (${COMPONENT_LD})`,
    fix: existsSync(COMPONENT_LD) ? undefined : 'reinstall @wasi/cc: npm i -D @wasi/cc',
  });

  try {
    const adapter = await import('@wasi/preview1-adapter');
    const p = adapter.provenance;
    checks.push({
      status: 'ok',
      name: 'adapter',
      detail: `@wasi/preview1-adapter ${adapter.version} (WASI ${p.wasiVersion}, from ${p.sourcePackage} ${p.sourceVersion})`,
    });
  } catch (err) {
    checks.push({
      status: 'missing',
      name: 'adapter',
      detail: `@wasi/preview1-adapter cannot be loaded: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
      fix: 'reinstall @wasi/cc (it depends on @wasi/preview1-adapter): npm i -D @wasi/cc',
    });
  }
  for (const dep of ['@bytecodealliance/jco-transpile', '@bytecodealliance/preview2-shim']) {
    const v = dependencyVersion(dep);
    checks.push({
      status: v ? 'ok' : 'missing',
      name: dep.split('/')[1] ?? dep,
      detail: v ? `${dep} ${v}` : `${dep} is not installed`,
      fix: v ? undefined : 'reinstall @wasi/cc: npm i -D @wasi/cc',
    });
  }

  const required = new Set(options.targets ?? []);
  const sysroots: DoctorCheck[] = [];
  for (const triple of [...Object.keys(TARGETS), ...[...required].filter((t) => !TARGETS[t])]) {
    const info = TARGETS[triple];
    if (!info) {
      sysroots.push({ status: 'missing', name: triple, detail: 'wasi-cc has no sysroot package for this target', fix: `use one of ${Object.keys(TARGETS).join(', ')}` });
      continue;
    }
    try {
      const pkg = await findSysrootPackage(triple, { cwd: options.cwd });
      sysroots.push({ status: 'ok', name: triple, detail: `${pkg.packageName} ${pkg.version} (${pkg.dir})` });
      if (pkg.version !== packageVersion()) {
        sysroots.push({ status: 'warning', name: triple, detail: `${pkg.packageName} is ${pkg.version} but @wasi/cc is ${packageVersion()}: install matching versions` });
      }
    } catch (err) {
      const [problem, ...fix] = (err instanceof Error ? err.message : String(err)).split('\n');
      sysroots.push({
        status: required.has(triple) ? 'missing' : 'absent',
        name: triple,
        detail: problem ?? '',
        fix: fix.map((l) => l.trim().replace(/^Fix: /, '')).join(' '),
      });
    }
  }
  if (required.size === 0 && !sysroots.some((c) => c.status === 'ok')) {
    for (const c of sysroots) if (c.status === 'absent') c.status = 'missing';
  }
  checks.push(...sysroots);
  return checks;
}

const LABEL: Record<DoctorCheck['status'], string> = { ok: 'ok', missing: 'MISSING', absent: 'absent', warning: 'warning' };

/** The `wasi-cc doctor` command. Resolves to 0 when everything needed is there, 1 otherwise. */
export async function doctorCommand(argv: string[]): Promise<number> {
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--target=')) targets.push(a.slice('--target='.length));
    else if ((a === '--target' || a === '-target') && argv[i + 1]) targets.push(argv[++i] as string);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: wasi-cc doctor [--target=TRIPLE]...\n\nChecks the toolchain, the adapter and the sysroot packages wasi-cc would use.\n' +
          'With --target, that sysroot package is required; without, at least one must be installed.\n',
      );
      return 0;
    } else {
      process.stderr.write(`wasi-cc doctor: error: unknown argument ${a}\n`);
      return 2;
    }
  }
  const checks = await doctorChecks({ targets });
  const out = [`wasi-cc doctor (@wasi/cc ${packageVersion()})`];
  for (const c of checks) {
    out.push(`${LABEL[c.status].padEnd(8)} ${c.name.padEnd(22)} ${c.detail}`);
    if (c.fix && c.status !== 'ok') out.push(`${''.padEnd(8)} ${''.padEnd(22)} fix: ${c.fix}`);
  }
  const missing = checks.filter((c) => c.status === 'missing');
  out.push(missing.length ? `${missing.length} problem${missing.length > 1 ? 's' : ''}: see the fixes above.` : 'everything wasi-cc needs is here.');
  process.stdout.write(`${out.join('\n')}\n`);
  return missing.length ? 1 : 0;
}
