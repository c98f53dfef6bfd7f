// Our C conformance tests as Preview 2 components on preview2-shim, against the
// sysroot `nx build sysroot-p2` produced: the shared suite and the socket suite.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC, defineConformanceSuite, listCTests } from '@wasi-sysroots/verify';
import { p2Host } from '@wasi-sysroots/verify/hosts/p2';

const sysroot = join(import.meta.dirname, '..', 'sysroot');
const toolchain = detectToolchain();

defineConformanceSuite({
  triple: 'wasm32-wasip2',
  sysroot,
  toolchain,
  host: p2Host,
  suites: ['p2'],
});

// The shared suite declares exact exit statuses, but a component can only exit
// with success or failure (wasi:cli/exit 0.2 has no status code): here any
// non-zero status is expected as 1. Everything else is compared exactly.
describe('wasm32-wasip2 C tests: common (exit status 0 or 1)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ctests-wasm32-wasip2-common-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  for (const c of listCTests('common')) {
    if (c.triples && !c.triples.includes('wasm32-wasip2')) continue;
    for (const opt of ['-O0', '-O2']) {
      test(`${c.name} ${opt}`, { skip: c.skip }, async () => {
        const wasm = join(work, `${c.name}${opt}.wasm`);
        const built = compileC({
          toolchain, triple: 'wasm32-wasip2', sysroot, sources: [c.source], output: wasm, opt,
          flags: [...c.flags, ...p2Host.linkFlags],
        });
        assert.ok(built.ok, `compile failed: ${built.command.join(' ')}\n${built.stderr}`);
        const preopens: Record<string, string> = {};
        if (c.preopen) preopens[c.preopen] = mkdtempSync(join(work, 'preopen-'));
        const r = await p2Host.run({ wasm, args: [c.name, ...c.args], env: c.env, preopens, stdin: c.stdin });
        assert.equal(r.stdout, c.expectedStdout, `stdout of ${c.name} ${opt} (stderr: ${r.stderr})`);
        assert.equal(r.exitCode, c.exit === 0 ? 0 : 1, `exit status of ${c.name} ${opt} (stderr: ${r.stderr})`);
      });
    }
  }
});
