// Our C conformance tests on node:wasi, against the sysroot `nx build sysroot-p1` produced.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite, runP1 } from '@wasi-sysroots/verify';

defineConformanceSuite({
  triple: 'wasm32-wasip1',
  sysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: { linkFlags: [], run: runP1 },
  suites: ['common'],
});
