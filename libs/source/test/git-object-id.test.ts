// gitObjectId must agree with git itself: blob and tree ids, git's sort order, exec bits, symlinks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { blobId, gitObjectId } from '../src/index.ts';
import { tempDir } from './helpers.ts';

let base: string;
let repo: string;

// The repository's .git lives outside the work tree, so the work tree holds only the fixture.
function git(...args: string[]): string {
  return execFileSync('git', [`--git-dir=${join(base, 'git')}`, `--work-tree=${repo}`, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

before(() => {
  base = tempDir('gitid');
  repo = join(base, 'repo');
  mkdirSync(repo);
  const file = (rel: string, text: string, mode = 0o644) => {
    mkdirSync(join(repo, rel, '..'), { recursive: true });
    writeFileSync(join(repo, rel), text);
    chmodSync(join(repo, rel), mode);
  };
  // Names that exercise git's order: "a-b" < "a.c" < "a/" (a directory sorts as "a/") < "a0".
  file('a.c', 'int a;\n');
  file('a-b', 'dash\n');
  file('a0', 'zero\n');
  file('a/x.c', 'int x;\n');
  file('a/b/deep.txt', 'deep\n');
  file('a/b.c', 'b\n');
  file('run.sh', '#!/bin/sh\necho hi\n', 0o755);
  file('user-exec-only', 'u\n', 0o744); // git: 100755 (owner x bit set)
  file('group-exec-only', 'g\n', 0o654); // git: 100644 (owner x bit clear)
  file('tools/nested/install.sh', '#!/bin/sh\n', 0o775);
  file('empty-file', '');
  symlinkSync('a.c', join(repo, 'link-to-a'));
  mkdirSync(join(repo, 'empty-dir')); // git cannot record empty directories
  git('init', '-q');
  git('add', '-A');
});

after(() => rmSync(base, { recursive: true, force: true }));

test('gitObjectId of a tree equals git write-tree (sort order, exec bits, symlink, empty dir ignored)', async () => {
  const expected = git('write-tree');
  // Sanity: the fixture really has the entries whose order matters.
  const names = git('ls-tree', '--name-only', expected).split('\n');
  assert.deepEqual(names.slice(0, 4), ['a-b', 'a.c', 'a', 'a0']);
  assert.equal(await gitObjectId(repo), expected);
});

test('gitObjectId of subtrees and blobs equals git rev-parse / hash-object', async () => {
  const root = git('write-tree');
  for (const sub of ['a', 'a/b', 'tools', 'tools/nested']) {
    assert.equal(await gitObjectId(join(repo, sub)), git('rev-parse', `${root}:${sub}`), sub);
  }
  for (const f of ['a.c', 'run.sh', 'empty-file', 'a/b/deep.txt']) {
    assert.equal(await gitObjectId(join(repo, f)), git('hash-object', f), f);
  }
  assert.equal(await gitObjectId(join(repo, 'link-to-a')), git('rev-parse', `${root}:link-to-a`));
  assert.equal(blobId(''), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  // The modes git recorded are the ones we hash with.
  const modes = Object.fromEntries(
    git('ls-tree', root)
      .split('\n')
      .map((l) => l.split(/\s+/))
      .map((p) => [p[3], p[0]]),
  );
  assert.equal(modes['run.sh'], '100755');
  assert.equal(modes['user-exec-only'], '100755');
  assert.equal(modes['group-exec-only'], '100644');
  assert.equal(modes['link-to-a'], '120000');
});
