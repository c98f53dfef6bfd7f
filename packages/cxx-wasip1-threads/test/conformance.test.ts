// Our C++ tests on our wasi-threads host, against the libraries `nx build cxx-p1-threads` produced.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite } from '@wasi-sysroots/verify';
import { threadsHost } from '@wasi-sysroots/verify/hosts/threads';

defineConformanceSuite({
  triple: 'wasm32-wasip1-threads',
  sysroot: join(import.meta.dirname, '..', '..', 'sysroot-wasip1-threads', 'sysroot'),
  cxxSysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: threadsHost,
  suites: ['cxx', 'cxx-threads'],
});
