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

const SUBSCRIPTION_SIZE = 48;

/**
 * WebAssembly hands an i32 to JavaScript as a signed number, but node:wasi's functions, called
 * from JavaScript rather than straight from WebAssembly, refuse a negative one (EINVAL) where every
 * WASI i32 is unsigned: a descriptor of -1 must give EBADF. (i64 arguments arrive as BigInt.)
 * @param {unknown[]} args
 */
function unsigned(args) {
  return args.map((a) => (typeof a === 'number' ? a >>> 0 : a));
}

/**
 * Whether a poll_oneoff call waits on a descriptor above 2 (subscriptions of type fd_read or
 * fd_write), so that it must go to the shared table.
 * @param {WebAssembly.Memory} memory
 * @param {number} subscriptions
 * @param {number} count
 */
function pollsSharedDescriptor(memory, subscriptions, count) {
  const view = new DataView(memory.buffer);
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
 * @param {Record<string, Function>} local
 * @param {import('node:worker_threads').MessagePort} port
 * @param {WebAssembly.Memory} memory
 */
export function sharedDescriptorImports(local, port, memory) {
  const reply = new Int32Array(new SharedArrayBuffer(8));
  port.postMessage({ reply });
  /** @param {string} name @param {unknown[]} args */
  const remote = (name, args) => {
    Atomics.store(reply, 0, 0);
    port.postMessage({ name, args });
    Atomics.wait(reply, 0, 0);
    return Atomics.load(reply, 1);
  };
  /** @type {Record<string, Function>} */
  const imports = { ...local };
  for (const name of Object.keys(local)) {
    const call = /** @type {Function} */ (local[name]);
    if (FD_FIRST.has(name)) {
      imports[name] = (/** @type {unknown[]} */ ...raw) => {
        const args = unsigned(raw);
        return /** @type {number} */ (args[0]) > 2 ? remote(name, args) : call(...args);
      };
    } else if (name === 'fd_renumber') {
      // Either side in the shared table makes it a call on the shared table.
      imports[name] = (/** @type {unknown[]} */ ...raw) => {
        const args = unsigned(raw);
        return /** @type {number} */ (args[0]) > 2 || /** @type {number} */ (args[1]) > 2 ? remote(name, args) : call(...args);
      };
    } else if (PATH_CALLS.has(name)) {
      imports[name] = (/** @type {unknown[]} */ ...raw) => remote(name, unsigned(raw));
    } else if (name === 'poll_oneoff') {
      imports[name] = (/** @type {unknown[]} */ ...raw) => {
        const args = unsigned(raw);
        return pollsSharedDescriptor(memory, /** @type {number} */ (args[0]), /** @type {number} */ (args[2])) ? remote(name, args) : call(...args);
      };
    }
  }
  return imports;
}

/**
 * The files worker's side: serves the calls of every port it is given with one node:wasi over
 * the shared memory.
 * @param {Record<string, Function>} wasiImport  the functions of a node:wasi with the program's
 *   preopens, bound to the shared memory
 * @param {import('node:worker_threads').MessagePort} parent  where new ports arrive
 */
export function serveSharedDescriptors(wasiImport, parent) {
  parent.on('message', (/** @type {{ port: import('node:worker_threads').MessagePort }} */ { port }) => {
    /** @type {Int32Array | undefined} */
    let reply;
    port.on('message', (/** @type {{ reply?: Int32Array, name?: string, args?: unknown[] }} */ m) => {
      if (m.reply) {
        reply = m.reply;
        return;
      }
      let result;
      try {
        result = /** @type {Function} */ (wasiImport[/** @type {string} */ (m.name)])(...(m.args ?? []));
      } catch {
        result = 29; // EIO
      }
      const cell = /** @type {Int32Array} */ (reply);
      Atomics.store(cell, 1, result);
      Atomics.store(cell, 0, 1);
      Atomics.notify(cell, 0);
    });
  });
}
