// Our fixes to node:wasi (Node 20), for every Preview 1 program we run (wasm32-wasip1 on node:wasi,
// wasm32-wasip1-threads on our worker-thread host). Each is a bug a program sees; the C tests show
// each (sysroots/tests/common/fcntl_getfl.c, write_large.c).
import { constants } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** node:wasi's functions, as an import object holds them. */
export type WasiFunctions = Record<string, (...args: unknown[]) => unknown>;

/**
 * V8 flags a Preview 1 program needs: with V8's fast API calls, node:wasi crashes the process
 * (SIGSEGV) when it exits after the program touched 32 MiB of memory or more.
 */
export const P1_V8_FLAGS: readonly string[] = Object.freeze(['--no-turbo-fast-api-calls']);

/** Sets P1_V8_FLAGS in this process (before the module is compiled) unless it was started with them. */
export function setP1V8Flags(): void {
  for (const flag of P1_V8_FLAGS) if (!process.execArgv.includes(flag)) setFlagsFromString(flag);
}

// WASI's fdflags.
const APPEND = 1;
const DSYNC = 2;
const NONBLOCK = 4;
const SYNC = 16;

/** The WASI fdflags for the host's open-file flags (what F_GETFL answers on the host). */
export function wasiFdflags(hostFlags: number): number {
  let flags = 0;
  if (hostFlags & constants.O_APPEND) flags |= APPEND;
  if (hostFlags & constants.O_NONBLOCK) flags |= NONBLOCK;
  if (constants.O_SYNC !== undefined && (hostFlags & constants.O_SYNC) === constants.O_SYNC) flags |= SYNC;
  else if (constants.O_DSYNC !== undefined && hostFlags & constants.O_DSYNC) flags |= DSYNC;
  return flags;
}

/**
 * node:wasi's import functions, fixed. `memory` gives the program's memory once it exists.
 * - fd_fdstat_get: fs_flags is the host's own F_GETFL value (0x8002 for a file opened O_RDWR on
 *   Linux), not WASI's fdflags.
 */
export function fixedPreview1(wasi: WasiFunctions, memory: () => WebAssembly.Memory | undefined): WasiFunctions {
  const fixed: WasiFunctions = { ...wasi };
  const fdstatGet = wasi.fd_fdstat_get;
  if (fdstatGet) {
    fixed.fd_fdstat_get = (...args: unknown[]) => {
      const result = fdstatGet(...args);
      const mem = memory();
      if (result === 0 && mem) {
        const at = (args[1] as number) >>> 0;
        const view = new DataView(mem.buffer);
        if (at + 4 <= view.byteLength) view.setUint16(at + 2, wasiFdflags(view.getUint16(at + 2, true)), true);
      }
      return result;
    };
  }
  return fixed;
}
