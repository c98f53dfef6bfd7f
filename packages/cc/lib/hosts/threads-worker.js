// Worker entry of the wasi-threads host (threads.js). Role 'files' holds the descriptor table all
// threads share (threads-files.js); role 'main' runs _start; role 'thread' runs wasi_thread_start
// for each thread the supervising thread hands it, one after the other. Each tells the supervisor
// how its thread ended: 'done' (returned), 'exit' (exit() or returning from main), 'trap' or
// 'error'.
import { parentPort, workerData } from 'node:worker_threads';
import { isTrap, silenceWasiWarning } from './quiet.js';
import { serveSharedDescriptors, sharedDescriptorImports } from './threads-files.js';

silenceWasiWarning();
const { WASI } = await import('node:wasi');
const data = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// proc_exit unwinds the calling thread with this, for its worker to report.
class ProcExit {
  /** @param {number} code */
  constructor(code) {
    this.code = code;
  }
}

/** @param {Record<string, unknown>} options */
function boundWasi(options) {
  const wasi = new WASI({ version: 'preview1', returnOnExit: false, ...options });
  // Binds node:wasi to the shared memory (initialize takes no instance that has a _start).
  wasi.initialize({ exports: { memory: data.memory } });
  return /** @type {Record<string, Function>} */ (wasi.wasiImport);
}

/**
 * Runs one thread's entry point and returns how it ended, as a message for the supervisor.
 * @param {() => void} entry
 * @param {Record<string, unknown>} returned  the message when it returns
 */
function runThread(entry, returned) {
  try {
    entry();
    return returned;
  } catch (err) {
    if (err instanceof ProcExit) return { type: 'exit', code: err.code };
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { type: isTrap(err) ? 'trap' : 'error', message };
  }
}

if (data.role === 'files') {
  serveSharedDescriptors(boundWasi({ preopens: data.preopens }), port);
} else {
  // The preopens live in the files worker; this thread's own node:wasi serves descriptors 0-2.
  const wasiImport = sharedDescriptorImports(boundWasi({ args: data.args, env: data.env }), data.filesPort, data.memory);
  // exit() in any thread ends the whole program, not just this thread.
  wasiImport.proc_exit = (/** @type {number} */ code) => {
    throw new ProcExit(code);
  };
  const spawnReply = /** @type {Int32Array} */ (data.spawnReply);
  const threadSpawn = (/** @type {number} */ startArg) => {
    Atomics.store(spawnReply, 0, 0);
    port.postMessage({ type: 'spawn', startArg });
    Atomics.wait(spawnReply, 0, 0);
    return Atomics.load(spawnReply, 1);
  };
  const instance = new WebAssembly.Instance(data.module, {
    [data.memoryImport.module]: { [data.memoryImport.name]: data.memory },
    wasi_snapshot_preview1: wasiImport,
    wasi: { 'thread-spawn': threadSpawn },
  });
  const entries = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (instance.exports));
  if (data.role === 'main') {
    const start = entries._start;
    // Returning from _start is exit(0).
    port.postMessage(
      typeof start === 'function'
        ? runThread(() => start(), { type: 'exit', code: 0 })
        : { type: 'error', message: 'it has no _start export: it is a library (reactor), not a program' },
    );
  } else {
    const threadStart = /** @type {Function} */ (entries.wasi_thread_start);
    port.on('message', (/** @type {{ tid: number, startArg: number }} */ { tid, startArg }) => {
      port.postMessage(runThread(() => threadStart(tid, startArg), { type: 'done' }));
    });
  }
}
