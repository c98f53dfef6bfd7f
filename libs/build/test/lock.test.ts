// The work-dir lock, between real processes: a second locker waits (or refuses), and the lock of
// a killed owner is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockWorkDir, BuildLockError, LOCK_NAME } from '@wasi-sysroots/build';

/** Another process that takes the lock and holds it until killed; resolves once it holds it. */
async function holder(workDir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e',
      `import { lockWorkDir } from '@wasi-sysroots/build'; await lockWorkDir(${JSON.stringify(workDir)}); console.log('locked'); setInterval(() => {}, 1000);`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('close', (c) => reject(new Error(`lock holder exited with ${c}`)));
  });
  return child;
}

test('a locked work dir is refused at once with wait: false, and waited for otherwise', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const other = await holder(dir);
  t.after(() => other.kill('SIGKILL'));
  assert.equal(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8')).pid, other.pid);

  await assert.rejects(lockWorkDir(dir, { wait: false }), (e: Error) => {
    assert.ok(e instanceof BuildLockError);
    assert.equal(e.message, `another build is using ${dir} (pid ${other.pid}); wait for it to finish, or stop it, and run again.`);
    return true;
  });

  // Waiting: we get the lock only after the holder is gone (killed: its lock file stays, stale).
  const waits: number[] = [];
  let got = false;
  const ours = lockWorkDir(dir, { onWait: (owner) => waits.push(owner.pid), pollMs: 50 }).then((l) => ((got = true), l));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(got, false, 'still waiting while the holder lives');
  assert.deepEqual(waits, [other.pid]);
  other.kill('SIGKILL');
  const lock = await ours;
  assert.equal(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8')).pid, process.pid);
  lock.release();
  assert.equal(existsSync(join(dir, LOCK_NAME)), false);
});

test('the lock is re-entrant within one process', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = await lockWorkDir(dir, { wait: false });
  const b = await lockWorkDir(dir, { wait: false });
  b.release();
  assert.ok(existsSync(join(dir, LOCK_NAME)), 'held until the outer release');
  a.release();
  assert.equal(existsSync(join(dir, LOCK_NAME)), false);
});
