// One descriptor table for all the threads of a wasi-threads program, as POSIX threads share one.
//
// Every thread has a node:wasi of its own (its calls are synchronous, on its own worker), but a
// descriptor a thread opens must be usable by the others. So one node:wasi, in a worker of its own
// (the "files" worker) and bound to the program's shared memory, serves every call on a
// descriptor above 2 (files, directories, preopens, sockets) for every thread. Descriptors 0-2 and
// the calls that need no descriptor (arguments, clocks, random, sleeping) stay with each thread's
// own node:wasi: a thread blocked reading stdin then holds up no other thread's file calls.

/** Calls whose first argument is a descriptor. */
const FD_FIRST = new Set([
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags',
  'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times',
  'fd_pread', 'fd_prestat_dir_name', 'fd_prestat_get', 'fd_pwrite', 'fd_read', 'fd_readdir',
  'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
]);
/** Calls on paths, relative to a directory descriptor (always a preopen or one opened from it). */
const PATH_CALLS = new Set([
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open',
  'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file',
]);

import type { MessagePort } from 'node:worker_threads';

const SUBSCRIPTION_SIZE = 48;

/** A node:wasi import object's functions (or a thread's wrapped ones). */
export type WasiFunctions = Record<string, (...args: unknown[]) => unknown>;

/** A call on the shared table, from a thread to the files worker. */
interface RemoteCall {
  name: string;
  args: unknown[];
}
/** The first message on a thread's port: where to put each reply. */
interface ReplyCell {
  reply: Int32Array;
}

/**
 * WebAssembly hands an i32 to JavaScript as a signed number, but node:wasi's functions, called
 * from JavaScript rather than straight from WebAssembly, refuse a negative one (EINVAL) where every
 * WASI i32 is unsigned: a descriptor of -1 must give EBADF. (i64 arguments arrive as BigInt.)
 */
function unsigned(args: unknown[]): unknown[] {
  return args.map((a) => (typeof a === 'number' ? a >>> 0 : a));
}

/**
 * Whether a poll_oneoff call waits on a descriptor above 2 (subscriptions of type fd_read or
 * fd_write), so that it must go to the shared table. Subscriptions that are not all in memory (a
 * bad pointer) stay with the thread's own node:wasi, which answers EFAULT, as on Preview 1.
 */
function pollsSharedDescriptor(memory: WebAssembly.Memory, subscriptions: number, count: number): boolean {
  const view = new DataView(memory.buffer);
  if (subscriptions + count * SUBSCRIPTION_SIZE > view.byteLength) return false;
  for (let i = 0; i < count; i++) {
    const at = subscriptions + i * SUBSCRIPTION_SIZE;
    const tag = view.getUint8(at + 8);
    if ((tag === 1 || tag === 2) && view.getUint32(at + 16, true) > 2) return true;
  }
  return false;
}

/**
 * The wasi_snapshot_preview1 imports of one thread: its own node:wasi's, with every call on a
 * shared descriptor sent to the files worker through `port`, the caller waiting on `reply`.
 */
export function sharedDescriptorImports(local: WasiFunctions, port: MessagePort, memory: WebAssembly.Memory): WasiFunctions {
  const reply = new Int32Array(new SharedArrayBuffer(8));
  port.postMessage({ reply } satisfies ReplyCell);
  const remote = (name: string, args: unknown[]): number => {
    Atomics.store(reply, 0, 0);
    port.postMessage({ name, args } satisfies RemoteCall);
    Atomics.wait(reply, 0, 0);
    return Atomics.load(reply, 1);
  };
  const imports: WasiFunctions = { ...local };
  for (const [name, call] of Object.entries(local)) {
    if (FD_FIRST.has(name)) {
      imports[name] = (...raw: unknown[]) => {
        const args = unsigned(raw);
        return (args[0] as number) > 2 ? remote(name, args) : call(...args);
      };
    } else if (name === 'fd_renumber') {
      // Either side in the shared table makes it a call on the shared table.
      imports[name] = (...raw: unknown[]) => {
        const args = unsigned(raw);
        return (args[0] as number) > 2 || (args[1] as number) > 2 ? remote(name, args) : call(...args);
      };
    } else if (PATH_CALLS.has(name)) {
      imports[name] = (...raw: unknown[]) => remote(name, unsigned(raw));
    } else if (name === 'poll_oneoff') {
      imports[name] = (...raw: unknown[]) => {
        const args = unsigned(raw);
        return pollsSharedDescriptor(memory, args[0] as number, args[2] as number) ? remote(name, args) : call(...args);
      };
    }
  }
  return imports;
}

/**
 * The files worker's side: serves the calls of every port it is given (on `parent`) with one
 * node:wasi over the shared memory: `wasiImport` holds the functions of a node:wasi with the
 * program's preopens, bound to the shared memory.
 */
export function serveSharedDescriptors(wasiImport: WasiFunctions, parent: MessagePort): void {
  parent.on('message', ({ port }: { port: MessagePort }) => {
    let reply: Int32Array | undefined;
    port.on('message', (m: ReplyCell | RemoteCall) => {
      if ('reply' in m) {
        reply = m.reply;
        return;
      }
      let result: number;
      try {
        result = (wasiImport[m.name] as (...args: unknown[]) => number)(...m.args);
      } catch {
        result = 29; // EIO
      }
      const cell = reply as Int32Array;
      Atomics.store(cell, 1, result);
      Atomics.store(cell, 0, 1);
      Atomics.notify(cell, 0);
    });
  });
}
