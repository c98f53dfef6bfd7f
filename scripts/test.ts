// npm test: every *.test.ts under libs/, packages/, ports/ and scripts/, in one run of Node's
// test runner (one summary for CI to read).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CC, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return newest;
}

/**
 * Tests run the compiled @wasi/cc in child processes (wasi-cc run, the bins clang and the tests
 * execute): build it (Nx, cached) when its dist/ is missing or older than its sources.
 */
function ensureCcBuilt(): void {
  const dir = join(WORKSPACE_ROOT, CC.packageDir);
  const built = join(dir, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(dir, 'src'))) return;
  const r = spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/nx/dist/bin/nx.js'), 'run', `${CC.nxProject}:build`, '--output-style=stream'], {
    cwd: WORKSPACE_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`npm test: building ${CC.packageName} failed (npx nx build ${CC.nxProject})`);
    process.exit(r.status ?? 1);
  }
}

function findTests(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'sysroot') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(WORKSPACE_ROOT, path));
  }
}

const filters = process.argv.slice(2);
const files: string[] = [];
for (const top of ['libs', 'packages', 'ports', 'scripts']) findTests(join(WORKSPACE_ROOT, top), files);
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
ensureCcBuilt();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], {
  cwd: WORKSPACE_ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
