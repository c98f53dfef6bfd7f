// npm test: every *.test.ts under libs/, packages/ and scripts/, in one run of Node's
// test runner (one summary for CI to read).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

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
for (const top of ['libs', 'packages', 'scripts']) findTests(join(WORKSPACE_ROOT, top), files);
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], {
  cwd: WORKSPACE_ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
