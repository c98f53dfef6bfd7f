// wasm32-wasip1-threads modules on Node worker threads, with @emnapi/wasi-threads managing the
// workers (creating them, loading the module and the shared memory into each, starting threads,
// returning finished workers to a pool).
//
// Every WebAssembly thread, the main one included, runs in a worker with its own instance of the
// module over one shared memory and its own node:wasi. This thread runs none of them: it answers
// wasi.thread-spawn, so a thread can always be spawned whichever threads are blocked (the main one
// sitting in pthread_join included), and finished workers go back to the pool at once. exit() in
// any thread and a trap in any thread reach this thread over a BroadcastChannel and end the whole
// program at once with the right status. Threads share one descriptor table (threads-files.js).
//
// thread-spawn is answered through a small SharedArrayBuffer of the caller's, not through memory
// of the program: emnapi's own import would call the program's exported malloc and free from
// inside pthread_create, and in a command module every export call also runs the program's
// destructors (stdio shutdown included), which deadlocks once stdio locking is on.
import { randomUUID } from 'node:crypto';
import { MessageChannel, Worker } from 'node:worker_threads';
import { WASIThreads } from '@emnapi/wasi-threads';
import { moduleInterface } from '../wasm.js';
import { TRAP_STATUS } from './quiet.js';

const WORKER = new URL('./threads-worker.js', import.meta.url);
const EAGAIN = 6;

/**
 * @param {import('../run.js').HostSpec} spec
 * @returns {Promise<number>} the program's exit status
 */
export async function runThreads(spec) {
  const iface = moduleInterface(spec.bytes);
  const memoryImport = iface.imports.find((i) => i.kind === 'memory');
  if (!memoryImport?.memory?.shared) {
    process.stderr.write(
      `wasi-cc: error: ${spec.args[0]} uses wasi-threads but does not import a shared memory; ` +
        `link it with -pthread -Wl,--import-memory,--export-memory,--max-memory=N (wasi-cc does this)\n`,
    );
    return 1;
  }
  const limits = memoryImport.memory;
  const module = await WebAssembly.compile(spec.bytes);
  // All of the memory up front: growing a shared memory while threads run is a hazard on V8
  // (Node 20): memory.fill and memory.copy in other threads check bounds against a size they
  // update only some time after the grow, and trap on memory that is already theirs. The
  // sysroot's sbrk uses memory the module has before it grows any.
  const pages = limits.max ?? limits.min;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const channelName = `wasi-cc-threads-${process.pid}-${randomUUID()}`;
  const channel = new BroadcastChannel(channelName);
  const shared = {
    memoryImport: { module: memoryImport.module, name: memoryImport.name },
    args: spec.args,
    env: spec.env,
    channel: channelName,
  };
  // The descriptor table every thread shares.
  const files = new Worker(WORKER, { workerData: { ...shared, role: 'files', memory, preopens: spec.preopens } });
  files.unref();
  /**
   * A worker for one of the program's threads, connected to the files worker.
   * @param {Record<string, unknown>} data
   */
  const threadWorker = (data) => {
    const { port1, port2 } = new MessageChannel();
    files.postMessage({ port: port1 }, [port1]);
    return new Worker(WORKER, { workerData: { ...shared, ...data, filesPort: port2 }, transferList: [port2] });
  };

  const maxThreads = spec.maxThreads ?? Infinity;
  let running = 0;
  /** Counts a thread out when its worker reports it finished. */
  const onThreadMessage = (/** @type {any} */ m) => {
    if (m?.__emnapi__?.type === 'cleanup-thread') running--;
  };

  /** Answers a worker's thread-spawn: a new thread id, or -EAGAIN. */
  const onMessage = (/** @type {any} */ m) => {
    if (m?.type !== 'wasi-cc:thread-spawn') return;
    const reply = /** @type {Int32Array} */ (m.reply);
    Atomics.store(reply, 1, spawn(m.startArg));
    Atomics.store(reply, 0, 1);
    Atomics.notify(reply, 0);
  };

  // The manager runs no WebAssembly itself; its WASI only has to look like one.
  const managerWasi = { wasiImport: {}, start: () => 0, initialize: () => {} };
  const threads = new WASIThreads({
    wasi: managerWasi,
    reuseWorker: true,
    onCreateWorker: () => {
      const worker = threadWorker({ role: 'thread' });
      worker.on('message', onMessage);
      worker.on('message', onThreadMessage);
      return worker;
    },
  });
  threads.setup(/** @type {WebAssembly.Instance} */ (/** @type {unknown} */ ({ exports: {} })), module, memory);
  const manager = /** @type {import('@emnapi/wasi-threads').ThreadManager} */ (threads.PThread);

  /** @param {number} startArg */
  function spawn(startArg) {
    if (running >= maxThreads) return -EAGAIN;
    try {
      const worker = manager.getNewWorker();
      if (!worker) return -EAGAIN;
      const tid = manager.markId(worker);
      running++;
      worker.unref();
      worker.postMessage({ __emnapi__: { type: 'start', payload: { tid, arg: startArg } } });
      return tid;
    } catch (err) {
      process.stderr.write(`wasi-cc: could not start a thread: ${/** @type {Error} */ (err).message}\n`);
      return -EAGAIN;
    }
  }

  return new Promise((resolve) => {
    let done = false;
    /** @param {number} code */
    const finish = (code) => {
      if (done) return;
      done = true;
      channel.close();
      resolve(code);
    };
    channel.onmessage = (/** @type {MessageEvent} */ e) => {
      const m = e.data;
      if (m.type === 'exit') finish(m.code);
      else if (m.type === 'trap' || m.type === 'error') {
        process.stderr.write(`wasi-cc: error: ${spec.args[0]} ${m.type === 'trap' ? 'trapped' : 'failed'}: ${m.message}\n`);
        finish(m.type === 'trap' ? TRAP_STATUS : 1);
      }
    };
    files.on('error', (err) => {
      process.stderr.write(`wasi-cc: error: ${spec.args[0]} failed: ${err.stack ?? err}\n`);
      finish(1);
    });
    const main = threadWorker({ role: 'main', module, memory });
    main.on('message', onMessage);
    main.on('error', (err) => {
      process.stderr.write(`wasi-cc: error: ${spec.args[0]} failed: ${err.stack ?? err}\n`);
      finish(1);
    });
    main.on('exit', (code) => {
      // Its last message may still be on its way: give it a moment.
      setTimeout(() => finish(code === 0 ? 0 : 1), 100);
    });
  });
}
