import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectToolchain, parseClangMajor, ToolchainError } from '@wasi-sysroots/toolchain';

const INSTALL = 'apt-get update && apt-get install -y clang-22 lld-22 llvm-22 libclang-rt-22-dev-wasm32';

test('finds clang, llvm-ar, llvm-nm, wasm-ld and the wasm32 builtins of one LLVM', () => {
  const tc = detectToolchain();
  assert.ok(tc.major >= 19, tc.version);
  for (const tool of [tc.clang, tc.ar, tc.nm, tc.wasmLd, tc.builtins]) assert.ok(existsSync(tool), tool);
  assert.match(tc.builtins, /libclang_rt\.builtins-wasm32\.a$/);
});

test('parses clang version lines', () => {
  assert.equal(parseClangMajor('Debian clang version 22.1.8 (1~deb12u1)'), 22);
  assert.equal(parseClangMajor('clang version 14.0.6'), 14);
  assert.equal(parseClangMajor('gcc (Debian 12.2.0-14) 12.2.0'), undefined);
});

test('a missing clang names the Debian packages and the exact install command', () => {
  const err = (() => { try { detectToolchain({ env: { PATH: '/nonexistent', WASI_CLANG: '/nonexistent/clang' } }); } catch (e) { return e; } })();
  assert.ok(err instanceof ToolchainError);
  assert.match(err.message, /clang "\/nonexistent\/clang" \(from WASI_CLANG\) does not exist/);
  assert.ok(err.message.includes(INSTALL), err.message);
});

test('a clang that is too old is refused with the fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'old-clang-'));
  try {
    const fake = join(dir, 'clang');
    writeFileSync(fake, '#!/bin/sh\necho "clang version 14.0.6"\n');
    chmodSync(fake, 0o755);
    const err = (() => { try { detectToolchain({ env: { PATH: dir, WASI_CLANG: fake } }); } catch (e) { return e; } })();
    assert.ok(err instanceof ToolchainError);
    assert.match(err.message, /is too old: "clang version 14\.0\.6"; .* need LLVM 19 or later/);
    assert.ok(err.message.includes(INSTALL));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing wasm-ld override is reported by name', () => {
  const err = (() => { try { detectToolchain({ env: { ...process.env, WASI_WASM_LD: '/nonexistent/wasm-ld' } }); } catch (e) { return e; } })();
  assert.ok(err instanceof ToolchainError);
  assert.match(err.message, /wasm-ld \(from lld\) "\/nonexistent\/wasm-ld" \(from WASI_WASM_LD\) does not exist/);
});
