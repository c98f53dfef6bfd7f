// Our C++ tests as Preview 2 components, against the libraries `nx build cxx-p2` produced.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite } from '@wasi-sysroots/verify';
import { p2Host } from '@wasi-sysroots/verify/hosts/p2';

defineConformanceSuite({
  triple: 'wasm32-wasip2',
  sysroot: join(import.meta.dirname, '..', '..', 'sysroot-wasip2', 'sysroot'),
  cxxSysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: p2Host,
  suites: ['cxx'],
});
