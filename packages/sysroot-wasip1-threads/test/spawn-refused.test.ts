// A host may refuse to start a thread: wasi:thread-spawn then returns a negative value, and
// pthread_create must fail with EAGAIN (thrd_create with thrd_nomem), leaking nothing. The
// threads suite runs the same program (sysroots/tests/threads/spawn.c) on a host that refuses
// nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SYSROOTS_DIR } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';
import { runThreads, THREADS_LINK_FLAGS, type ThreadsRunSpec } from '@wasi-sysroots/verify/hosts/threads';

const sysroot = join(import.meta.dirname, '..', 'sysroot');
const toolchain = detectToolchain();
const source = join(SYSROOTS_DIR, 'tests', 'threads', 'spawn.c');
const work = mkdtempSync(join(tmpdir(), 'spawn-refused-'));
after(() => rmSync(work, { recursive: true, force: true }));

const cases: { name: string; host: Partial<ThreadsRunSpec>; stdout: string }[] = [
  {
    name: 'every spawn refused',
    host: { refuseSpawn: true },
    stdout: 'created 0 of 4: EAGAIN\nthrd_create: thrd_nomem\nrefused 1000 more, heap unchanged\n',
  },
  {
    name: 'spawns past two running threads refused',
    host: { maxThreads: 2 },
    stdout: 'created 2 of 4: EAGAIN\n',
  },
];

describe('wasm32-wasip1-threads: the host refuses thread-spawn', () => {
  for (const opt of ['-O0', '-O2']) {
    const wasm = join(work, `spawn${opt}.wasm`);
    test(`compile spawn.c ${opt}`, () => {
      const built = compileC({
        toolchain, triple: 'wasm32-wasip1-threads', sysroot, sources: [source], output: wasm, opt,
        flags: THREADS_LINK_FLAGS,
      });
      assert.ok(built.ok, `compile failed: ${built.command.join(' ')}\n${built.stderr}`);
    });
    for (const c of cases) {
      test(`${c.name} ${opt}`, async () => {
        const r = await runThreads({ wasm, args: ['spawn', '4'], ...c.host });
        assert.equal(r.stdout, c.stdout, `stderr: ${r.stderr}`);
        assert.equal(r.exitCode, 0, `stderr: ${r.stderr}`);
      });
    }
  }
});
