// Child-process entry: runs one wasm32-wasip1-threads program (wasi-threads over Preview 1)
// and exits with its status. argv[2] is a JSON object {wasm, args, env, preopens, maxThreads}.
//
// Every thread of the program, the main one included, runs in a worker thread of its own
// with its own instance of the module over one shared memory. This thread only manages them,
// so it is always free to answer wasi:thread-spawn however the program's threads are blocked.
// A worker whose thread has returned waits for the next one, so creating and joining
// threads over and over reuses a handful of workers.
//
// Threads share one table of file descriptors, as POSIX threads do: a node:wasi instance in
// a worker of its own (the "files" worker) serves every call on a descriptor above 2 (files,
// directories, preopens), for all threads. Descriptors 0-2 and the calls that need no
// descriptor (clocks, random, sleeping, args) stay in each thread's own node:wasi: a thread
// blocked reading stdin then holds up no other thread's output.
// (threads.ts says why this is not @emnapi/wasi-threads.)
import { readFileSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { WASI } from 'node:wasi';
import { isMainThread, MessageChannel, parentPort, workerData, Worker } from 'node:worker_threads';

// wasi-threads ids are 1 to 0x1FFFFFFF.
const MAX_TID = 0x1fffffff;

// proc_exit unwinds the calling thread with this, for its worker to report.
class ProcExit {
  constructor(code) {
    this.code = code;
  }
}

if (isMainThread) manage(JSON.parse(process.argv[2]));
else if (workerData.role === 'files') serveFiles(workerData);
else runThread(workerData);

function manage(spec) {
  // V8's dynamic tiering (Node 20) keeps per-function counters that every thread running the
  // module updates: threads running the same hot code then slow each other down instead of
  // running in parallel. Without it, V8 compiles each function with Liftoff and TurboFan up
  // front, and threads scale with the cores. (V8 flags are per process, and this must come
  // before the module is compiled.)
  setFlagsFromString('--no-wasm-dynamic-tiering');
  const bytes = readFileSync(spec.wasm);
  const module = new WebAssembly.Module(bytes);
  // All of it from the start, so that it never grows while threads run: on Node 20's V8,
  // memory.fill and memory.copy in one thread check bounds against a memory size that catches
  // up with another thread's memory.grow only later, and trap on memory that is already there.
  // (The threads libc's sbrk uses memory the module has before growing it.)
  const { maximum } = importedMemoryLimits(bytes);
  const memory = new WebAssembly.Memory({ initial: maximum, maximum, shared: true });
  const maxThreads = spec.maxThreads ?? Infinity;
  const wasiOptions = { args: spec.args, env: spec.env };
  const files = new Worker(new URL(import.meta.url), {
    workerData: { role: 'files', memory, preopens: spec.preopens },
  });
  files.on('error', die);
  const idle = [];
  let running = 0;
  let nextTid = 1;

  const startWorker = (role) => {
    // The calling thread sleeps on reply[0] until it holds 1; reply[1] is the answer. Only
    // one request of a thread is ever outstanding, so one pair serves both kinds.
    const reply = new Int32Array(new SharedArrayBuffer(8));
    const channel = new MessageChannel();
    files.postMessage({ port: channel.port2, reply }, [channel.port2]);
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { role, module, memory, reply, files: channel.port1, ...wasiOptions },
      transferList: [channel.port1],
    });
    worker.on('message', (message) => onMessage(worker, reply, message));
    // An uncaught error is a trap (or a host bug): the program crashed.
    worker.on('error', die);
    return worker;
  };

  const spawn = (startArg) => {
    if (running >= maxThreads) return -1;
    running++;
    const tid = nextTid;
    nextTid = nextTid === MAX_TID ? 1 : nextTid + 1;
    (idle.pop() ?? startWorker('thread')).postMessage({ tid, startArg });
    return tid;
  };

  const onMessage = (worker, reply, message) => {
    switch (message.type) {
      case 'spawn':
        answer(reply, spawn(message.startArg));
        break;
      case 'done':
        running--;
        idle.push(worker);
        break;
      case 'exit':
        // Any thread's exit ends the process, other threads and all. Output was written to
        // the file descriptors as it was made, so nothing is left to flush.
        process.exit(message.code);
    }
  };

  startWorker('main');
}

function answer(reply, value) {
  Atomics.store(reply, 1, value);
  Atomics.store(reply, 0, 1);
  Atomics.notify(reply, 0);
}

function die(error) {
  writeSync(2, `${error?.stack ?? error}\n`);
  process.exit(1);
}

function bindWasi(memory, options) {
  const wasi = new WASI({ version: 'preview1', returnOnExit: false, ...options });
  // Binds node:wasi to the shared memory (initialize takes no instance that has a _start).
  wasi.initialize({ exports: { memory } });
  return wasi.wasiImport;
}

// The files worker: one descriptor table for all threads. Each thread has a port here.
function serveFiles({ memory, preopens }) {
  const wasi = bindWasi(memory, { preopens });
  parentPort.on('message', ({ port, reply }) => {
    port.on('message', ([name, callArgs]) => answer(reply, wasi[name](...callArgs)));
  });
}

function runThread({ role, module, memory, reply, files, args, env }) {
  const local = bindWasi(memory, { args, env });
  const request = (target, message) => {
    Atomics.store(reply, 0, 0);
    target.postMessage(message);
    Atomics.wait(reply, 0, 0);
    return Atomics.load(reply, 1);
  };
  // Descriptors 0-2 are this thread's own stdio; every other one is in the shared table.
  const shared = (fd) => fd > 2;
  // The WASI functions take their i32 arguments as unsigned (descriptors, pointers, sizes,
  // flags), which is how node:wasi receives them straight from WebAssembly; passed on from
  // JavaScript, a descriptor of -1 would be rejected as EINVAL instead of EBADF.
  const unsigned = (callArgs) => callArgs.map((a) => (typeof a === 'number' ? a >>> 0 : a));

  const imports = {};
  for (const [name, call] of Object.entries(local)) {
    imports[name] = /^(fd|path|sock)_/.test(name)
      ? (...callArgs) => {
          const args = unsigned(callArgs);
          return shared(args[0]) ? request(files, [name, args]) : call(...args);
        }
      : call;
  }
  imports.fd_renumber = (...callArgs) => {
    const [from, to] = unsigned(callArgs);
    return shared(from) || shared(to) ? request(files, ['fd_renumber', [from, to]]) : local.fd_renumber(from, to);
  };
  // Waiting on a shared descriptor goes to the files worker; sleeping and waiting on stdio
  // stay here. A subscription is 48 bytes: tag (0 clock, 1 read, 2 write) at 8, fd at 16.
  imports.poll_oneoff = (...callArgs) => {
    const args = unsigned(callArgs);
    const [subscriptions, , count] = args;
    const view = new DataView(memory.buffer);
    for (let i = 0; i < count; i++) {
      const at = subscriptions + i * 48;
      if (view.getUint8(at + 8) !== 0 && shared(view.getUint32(at + 16, true)))
        return request(files, ['poll_oneoff', args]);
    }
    return local.poll_oneoff(...args);
  };
  imports.proc_exit = (code) => {
    throw new ProcExit(code);
  };

  const instance = new WebAssembly.Instance(module, {
    env: { memory },
    wasi_snapshot_preview1: imports,
    wasi: { 'thread-spawn': (startArg) => request(parentPort, { type: 'spawn', startArg }) },
  });

  const run = (call) => {
    try {
      call();
      return undefined;
    } catch (error) {
      if (error instanceof ProcExit) return error.code;
      throw error;
    }
  };

  if (role === 'main') {
    // Returning from _start is exit(0).
    parentPort.postMessage({ type: 'exit', code: run(() => instance.exports._start()) ?? 0 });
    return;
  }
  parentPort.on('message', ({ tid, startArg }) => {
    const code = run(() => instance.exports.wasi_thread_start(tid, startArg));
    parentPort.postMessage(code === undefined ? { type: 'done' } : { type: 'exit', code });
  });
}

// The limits of the memory a module imports (wasm-ld --import-memory), read from its import
// section: the shared memory given to it must match them.
function importedMemoryLimits(bytes) {
  let pos = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return result;
      shift += 7;
    }
  };
  const skipName = () => {
    const length = u32();
    pos += length;
  };
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    const end = pos + size;
    if (id === 2) {
      for (let count = u32(); count > 0; count--) {
        skipName();
        skipName();
        const kind = bytes[pos++];
        if (kind === 2) {
          const flags = bytes[pos++];
          const initial = u32();
          return flags & 1 ? { initial, maximum: u32() } : { initial, maximum: initial };
        }
        // Skip a function (type index), table (type, limits), global (type, mutability)
        // or tag (attribute, type index).
        if (kind === 0) u32();
        else if (kind === 1) {
          pos++;
          const flags = bytes[pos++];
          u32();
          if (flags & 1) u32();
        } else if (kind === 3) pos += 2;
        else if (kind === 4) {
          pos++;
          u32();
        }
      }
    }
    pos = end;
  }
  throw new Error('the module imports no memory: link it with -Wl,--import-memory');
}
