// npm run setup: everything a fresh machine needs before `npm run build`:
//   1. the LLVM toolchain for WebAssembly (installed with apt when we are root on Debian/Ubuntu),
//   2. the tools the build and tests call (make, xz, diff, cmake), and what the ports need on the
//      host (tclsh to make SQLite's amalgamation, bzip2 to unpack, the real servers and clients
//      their checks talk to: redis-server, redis-cli, sqlite3, gzip),
//   3. the pinned wasi-libc base source, fetched and verified into the cache.
// npm dependencies come first, from the lockfile: `npm ci && npm run setup`.
import { existsSync, readFileSync } from 'node:fs';
import { $ } from 'zx';
import { detectToolchain, DEBIAN_PACKAGES, PREFERRED_LLVM_MAJOR, ToolchainError } from '@wasi-sysroots/toolchain';
import { fetchSource } from '@wasi-sysroots/source';
import { loadLlvmManifest, loadManifest } from '@wasi-sysroots/recipe';

$.verbose = false;

function isDebianLike(): boolean {
  if (!existsSync('/etc/os-release')) return false;
  const osRelease = readFileSync('/etc/os-release', 'utf8');
  return /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

async function missingSupportTools(): Promise<string[]> {
  const tools: Record<string, string> = {
    make: 'make',
    xz: 'xz-utils',
    diff: 'diffutils',
    cmake: 'cmake',
    ninja: 'ninja-build', // the C++ runtimes build (CMake's Ninja generator)
    // ports/ (see README "Porting notes")
    bzip2: 'bzip2',
    gzip: 'gzip',
    tclsh: 'tcl',
    sqlite3: 'sqlite3',
    'redis-server': 'redis-server',
    'redis-cli': 'redis-tools',
  };
  const missing: string[] = [];
  for (const [tool, pkg] of Object.entries(tools)) {
    if ((await $`command -v ${tool}`.nothrow()).exitCode !== 0) missing.push(pkg);
  }
  return missing;
}

async function ensureToolchain(): Promise<void> {
  let problem: string | undefined;
  try {
    detectToolchain();
  } catch (err) {
    if (!(err instanceof ToolchainError)) throw err;
    problem = err.message;
  }
  const missing = await missingSupportTools();
  if (!problem && missing.length === 0) return;

  const packages = [...(problem ? DEBIAN_PACKAGES(PREFERRED_LLVM_MAJOR) : []), ...missing];
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !isDebianLike()) {
    console.error(
      `setup: missing: ${packages.join(', ')}.\n` +
        (problem ? `${problem}\n` : '') +
        `This script installs them itself only as root on Debian or Ubuntu. Otherwise install, as root:\n` +
        `  apt-get update && apt-get install -y ${packages.join(' ')}\n` +
        `(elsewhere: LLVM ${PREFERRED_LLVM_MAJOR} clang, lld and llvm tools plus the wasm32 compiler-rt builtins; ` +
        `then set WASI_CLANG, WASI_LLVM_AR, WASI_LLVM_NM and WASI_WASM_LD if they are not found on their own).`,
    );
    process.exit(1);
  }
  console.log(`setup: installing ${packages.join(' ')} with apt-get`);
  await $({ stdio: 'inherit' })`apt-get update`;
  await $({ stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })`apt-get install -y --no-install-recommends ${packages}`;
  const tc = detectToolchain();
  console.log(`setup: toolchain ${tc.version}`);
}

async function main(): Promise<void> {
  const [major] = process.versions.node.split('.').map(Number);
  if ((major ?? 0) < 20) {
    console.error(`setup: Node ${process.versions.node} is too old; use Node 20 or later.`);
    process.exit(1);
  }
  await ensureToolchain();
  for (const [what, manifest] of [
    ['libc', loadManifest()],
    ['LLVM runtimes', loadLlvmManifest()],
  ] as const) {
    const source = await fetchSource({
      manifest,
      onProgress: (e) => {
        if (e.phase === 'download') process.stderr.write(`\rsetup: ${e.provider}: ${e.bytes}${e.total ? `/${e.total}` : ''} bytes`);
        else if (e.phase === 'message') console.log(`setup: ${e.provider}: ${e.message}`);
        else if (e.phase === 'damaged') console.error(`setup: warning: ${e.message}`);
        else if (e.phase === 'extract' && e.bytes !== undefined && e.total) console.log(`setup: ${e.provider}: extracting ${manifest.name}: ${Math.round((100 * e.bytes) / e.total)}%`);
      },
    });
    process.stderr.write('\n');
    console.log(`setup: ${what} source ready at ${source.dir} (${source.provider})`);
  }
}

main().catch((err: unknown) => {
  console.error(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
