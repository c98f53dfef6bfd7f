// Our C++ tests on node:wasi, against the libraries `nx build cxx-p1` produced.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite, runP1 } from '@wasi-sysroots/verify';

defineConformanceSuite({
  triple: 'wasm32-wasip1',
  sysroot: join(import.meta.dirname, '..', '..', 'sysroot-wasip1', 'sysroot'),
  cxxSysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: { linkFlags: [], run: runP1 },
  suites: ['cxx'],
});
