// Our C conformance tests on @wasi/cc's wasi-threads host, against the sysroot
// `nx build sysroot-p1-threads` produced: the common suite, then the thread tests.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite } from '@wasi-sysroots/verify';
import { threadsHost } from '@wasi-sysroots/verify/hosts/threads';

defineConformanceSuite({
  triple: 'wasm32-wasip1-threads',
  sysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: threadsHost,
  suites: ['common', 'threads'],
});
