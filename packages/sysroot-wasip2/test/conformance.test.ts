// Our C conformance tests as Preview 2 components on preview2-shim, against the sysroot
// `nx build sysroot-p2` produced: the shared suite and the socket suite.
import { join } from 'node:path';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { defineConformanceSuite } from '@wasi-sysroots/verify';
import { p2Host } from '@wasi-sysroots/verify/hosts/p2';

defineConformanceSuite({
  triple: 'wasm32-wasip2',
  sysroot: join(import.meta.dirname, '..', 'sysroot'),
  toolchain: detectToolchain(),
  host: p2Host,
  suites: ['common', 'p2'],
});
