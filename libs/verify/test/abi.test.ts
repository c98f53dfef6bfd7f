import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAbi, compareAbi, AbiMismatchError, snapshotDir } from '@wasi-sysroots/verify';

/** A fake sysroot whose share/ starts as a copy of the committed snapshot. */
function fakeSysroot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abi-'));
  cpSync(snapshotDir('wasm32-wasip1'), join(dir, 'share', 'wasm32-wasip1'), { recursive: true });
  return dir;
}

test('an identical ABI passes', () => {
  const dir = fakeSysroot();
  try {
    assert.deepEqual(checkAbi('wasm32-wasip1', dir).differences, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a removed symbol and a new macro fail with a readable diff and the accept command', () => {
  const dir = fakeSysroot();
  try {
    const share = join(dir, 'share', 'wasm32-wasip1');
    const defined = join(share, 'defined-symbols.txt');
    writeFileSync(defined, readFileSync(defined, 'utf8').replace(/^strlen\n/m, ''));
    const macros = join(share, 'predefined-macros.txt');
    writeFileSync(macros, `${readFileSync(macros, 'utf8')}#define __OUR_NEW_MACRO__ 1\n`);
    assert.throws(() => checkAbi('wasm32-wasip1', dir), (err: unknown) => {
      assert.ok(err instanceof AbiMismatchError);
      assert.deepEqual(err.report.differences.map((d) => d.file), ['defined-symbols.txt', 'predefined-macros.txt']);
      assert.match(err.message, /^-strlen$/m);
      assert.match(err.message, /^\+#define __OUR_NEW_MACRO__ 1$/m);
      assert.match(err.message, /--- snapshot\/defined-symbols\.txt/);
      assert.ok(err.message.includes('npm run abi:accept -- wasm32-wasip1'));
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a build missing a metadata file is a difference too', () => {
  const dir = fakeSysroot();
  try {
    rmSync(join(dir, 'share', 'wasm32-wasip1', 'include-all.c'));
    const report = compareAbi('wasm32-wasip1', dir);
    assert.deepEqual(report.differences, [{ file: 'include-all.c', diff: 'build/include-all.c: missing from the build output' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
