// Worker entry of the wasi-threads host (threads.js): role 'main' runs _start; role 'thread' runs
// wasi_thread_start whenever emnapi's thread manager starts a thread on it; role 'files' holds the
// descriptor table all threads share (threads-files.js). Exit and traps go to the supervising
// thread over a BroadcastChannel, which every thread of the process can reach.
import { parentPort, workerData } from 'node:worker_threads';
import { ThreadMessageHandler, WASIThreads } from '@emnapi/wasi-threads';
import { isTrap, silenceWasiWarning } from './quiet.js';
import { serveSharedDescriptors, sharedDescriptorImports } from './threads-files.js';

silenceWasiWarning();
const { WASI } = await import('node:wasi');
const data = workerData;
const channel = new BroadcastChannel(data.channel);

/** Blocks this thread for good: the supervisor ends the process. */
function park() {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}

/** @param {number} code */
function exitProcess(code) {
  channel.postMessage({ type: 'exit', code });
  park();
}

/** @param {unknown} err */
function report(err) {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  channel.postMessage({ type: isTrap(err) ? 'trap' : 'error', message });
  park();
}

/** wasi.thread-spawn: asks the supervisor, which answers through `reply`. */
function threadSpawn(/** @type {number} */ startArg) {
  const reply = new Int32Array(new SharedArrayBuffer(8));
  parentPort?.postMessage({ type: 'wasi-cc:thread-spawn', startArg, reply });
  Atomics.wait(reply, 0, 0);
  return Atomics.load(reply, 1);
}

// The preopens live in the files worker; a thread's own node:wasi serves descriptors 0-2 only.
const wasi = new WASI({ version: 'preview1', args: data.args, env: data.env, preopens: data.role === 'files' ? data.preopens : {}, returnOnExit: true });

/** @param {WebAssembly.Memory} memory */
function imports(memory) {
  const wasiImport = sharedDescriptorImports(/** @type {Record<string, Function>} */ (wasi.wasiImport), data.filesPort, memory);
  // exit() in any thread ends the whole program, not just this thread.
  wasiImport.proc_exit = (/** @type {number} */ code) => exitProcess(code);
  return /** @type {WebAssembly.Imports} */ ({
    [data.memoryImport.module]: { [data.memoryImport.name]: memory },
    wasi_snapshot_preview1: wasiImport,
    wasi: { 'thread-spawn': threadSpawn },
  });
}

if (data.role === 'files') {
  serveSharedDescriptors(wasi, data.memory, /** @type {import('node:worker_threads').MessagePort} */ (parentPort));
} else if (data.role === 'main') {
  try {
    const memory = /** @type {WebAssembly.Memory} */ (data.memory);
    let instance = await WebAssembly.instantiate(/** @type {WebAssembly.Module} */ (data.module), imports(memory));
    if (!(instance.exports.memory instanceof WebAssembly.Memory)) {
      // node:wasi takes the memory from the exports: show it the imported one.
      const exportsWithMemory = { ...instance.exports, memory };
      instance = new Proxy(instance, { get: (t, p) => (p === 'exports' ? exportsWithMemory : Reflect.get(t, p)) });
    }
    exitProcess(wasi.start(instance));
  } catch (err) {
    report(err);
  }
} else {
  const threads = new WASIThreads({ wasi, childThread: true, postMessage: (/** @type {any} */ m) => parentPort?.postMessage(m) });
  const handler = new ThreadMessageHandler({
    async onLoad({ wasmModule, wasmMemory }) {
      const instance = await WebAssembly.instantiate(wasmModule, imports(wasmMemory));
      // Binds this thread's node:wasi to the shared memory without running _start.
      return { module: wasmModule, instance: threads.initialize(instance, wasmModule, wasmMemory) };
    },
    onError: (err) => report(err),
    postMessage: (/** @type {any} */ m) => parentPort?.postMessage(m),
  });
  parentPort?.on('message', (message) => handler.handle({ data: message }));
}
