// Lockstep versioning: one fixed changesets group holds every published package, and
// `npm run version-packages` moves them all together, with the exact adapter dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTER, PUBLISH_ORDER, TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

test('the fixed group is exactly the published packages, all at one version', () => {
  const config = readJson(join(WORKSPACE_ROOT, '.changeset/config.json'));
  assert.deepEqual(config.fixed, [PUBLISH_ORDER.map((p) => p.packageName)]);
  const versions = PUBLISH_ORDER.map((p) => readJson(join(WORKSPACE_ROOT, p.packageDir, 'package.json')).version);
  assert.equal(new Set(versions).size, 1, `versions: ${versions.join(', ')}`);
});

test('the wasip2 sysroot depends on exactly the adapter version it was tested with', () => {
  const adapter = readJson(join(WORKSPACE_ROOT, ADAPTER.packageDir, 'package.json'));
  for (const t of TRIPLES) {
    const deps = readJson(join(WORKSPACE_ROOT, t.packageDir, 'package.json')).dependencies ?? {};
    if (t.component) assert.equal(deps[ADAPTER.packageName], adapter.version);
    else assert.equal(deps[ADAPTER.packageName], undefined);
  }
});

test('npm run version-packages bumps every package together, updates the lockfile, writes changelogs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'changesets-'));
  try {
    const root = readJson(join(WORKSPACE_ROOT, 'package.json'));
    // A copy of the workspace's package manifests and changesets config, without dependencies
    // to install, so the lockfile update needs no network.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: root.name, private: true, workspaces: ['packages/*'],
      scripts: { 'version-packages': root.scripts['version-packages'].replace(/^changeset /, `${join(WORKSPACE_ROOT, 'node_modules/.bin/changeset')} `).replace('npm install', 'npm install --offline') },
    }, null, 2));
    for (const p of PUBLISH_ORDER) {
      mkdirSync(join(dir, p.packageDir), { recursive: true });
      cpSync(join(WORKSPACE_ROOT, p.packageDir, 'package.json'), join(dir, p.packageDir, 'package.json'));
    }
    mkdirSync(join(dir, '.changeset'));
    cpSync(join(WORKSPACE_ROOT, '.changeset/config.json'), join(dir, '.changeset/config.json'));
    writeFileSync(join(dir, '.changeset/fix-printf.md'), '---\n"@wasi/sysroot-wasip1": minor\n---\n\nFix printf.\n');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    const install = spawnSync('npm', ['install', '--package-lock-only', '--offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const before = readJson(join(dir, PUBLISH_ORDER[0]!.packageDir, 'package.json')).version as string;
    const [major, minor] = before.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;

    const r = spawnSync('npm', ['run', 'version-packages'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);

    const lock = readJson(join(dir, 'package-lock.json'));
    for (const p of PUBLISH_ORDER) {
      assert.equal(readJson(join(dir, p.packageDir, 'package.json')).version, next, p.packageName);
      assert.equal(lock.packages[p.packageDir].version, next, `lockfile entry of ${p.packageName}`);
      const changelog = join(dir, p.packageDir, 'CHANGELOG.md');
      assert.ok(existsSync(changelog), `${p.packageName} has a changelog`);
      assert.match(readFileSync(changelog, 'utf8'), new RegExp(`## ${next.replace(/\./g, '\\.')}`));
    }
    const p2 = TRIPLES.find((t) => t.component)!;
    assert.equal(readJson(join(dir, p2.packageDir, 'package.json')).dependencies[ADAPTER.packageName], next);
    for (const t of TRIPLES) assert.equal(readJson(join(dir, t.cxx.packageDir, 'package.json')).dependencies[t.packageName], next, `${t.cxx.packageName} depends on its sysroot's new version`);
    assert.equal(existsSync(join(dir, '.changeset/fix-printf.md')), false, 'the changeset was consumed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
