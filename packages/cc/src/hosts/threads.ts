// wasm32-wasip1-threads modules (wasi-threads over Preview 1) on Node worker threads.
//
// Every thread of the program, the main one included, runs in a worker of its own
// (threads-worker.ts) with its own instance of the module over one shared memory. This thread runs
// no WebAssembly: it only manages the workers, so it is always free to answer wasi.thread-spawn,
// however the program's threads are blocked (the main one sitting in pthread_join included). A
// worker whose thread has returned waits for the next one: creating and joining 64 threads 20
// times over reuses a handful of workers (about 1 s and 0.6 GB at most).
//
// exit() in any thread ends the whole program with its status; a trap in any thread ends it with
// TRAP_STATUS. Threads share one descriptor table (threads-files.ts), as POSIX threads do.
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker, type WorkerOptions } from 'node:worker_threads';
import { siblingModule } from '../files.js';
import { moduleInterface } from '../wasm.js';
import type { FilesWorkerData, StartThread, ThreadMessage, ThreadWorkerData } from './messages.js';
import { TRAP_STATUS } from './quiet.js';
import { P1_V8_FLAGS } from './p1-fixes.js';
import type { HostSpec } from './spec.js';

// A separate entry file, compiled like this one (threads-worker.js; .ts when run from source).
const WORKER = siblingModule('threads-worker', import.meta.url);
const EAGAIN = 6;
// wasi-threads ids are 1 to 0x1FFFFFFF.
const MAX_TID = 0x1fffffff;

/**
 * V8 flags a threads program needs. V8's dynamic tiering (Node 20) keeps per-function counters
 * that every thread running the module updates: threads running the same hot code then slow each
 * other down instead of running in parallel (2 threads took longer than 1). Without it, V8
 * compiles every function up front and threads scale with the cores. V8 flags are per process and
 * must be set before the module is compiled: runWasm passes them on the child's command line, and
 * runThreads sets them itself when they are not there.
 */
export const THREADS_V8_FLAGS: readonly string[] = Object.freeze(['--no-wasm-dynamic-tiering', ...P1_V8_FLAGS]);

/**
 * Runs a wasi-threads program; resolves to its exit status (other threads may still be running:
 * the caller should exit the process with it).
 */
export async function runThreads(spec: HostSpec): Promise<number> {
  const memoryImport = moduleInterface(spec.bytes).imports.find((i) => i.kind === 'memory');
  if (!memoryImport?.memory?.shared) {
    process.stderr.write(
      `wasi-cc: error: ${spec.args[0]} uses wasi-threads but does not import a shared memory; ` +
        `link it with -pthread -Wl,--import-memory,--export-memory,--max-memory=N (wasi-cc does this)\n`,
    );
    return 1;
  }
  for (const flag of THREADS_V8_FLAGS) if (!process.execArgv.includes(flag)) setFlagsFromString(flag);
  const module = await WebAssembly.compile(spec.bytes as BufferSource);
  // All of the memory up front: growing a shared memory while threads run is a hazard on V8
  // (Node 20): memory.fill and memory.copy in other threads check bounds against a size they
  // update only some time after the grow, and trap on memory that is already theirs. The
  // sysroot's sbrk uses memory the module has before it grows any.
  const pages = memoryImport.memory.max ?? memoryImport.memory.min;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const common = { memory, memoryImport: { module: memoryImport.module, name: memoryImport.name } };

  const workers: Worker[] = [];
  const idle: Worker[] = [];
  const maxThreads = spec.maxThreads ?? Infinity;
  let running = 0;
  let nextTid = 1;

  return new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      // The program is over: stop whatever threads are left (their output is already written).
      for (const w of workers) void w.terminate();
      resolve(code);
    };
    const fail = (what: string, message: string, code: number): void => {
      process.stderr.write(`wasi-cc: error: ${spec.args[0]} ${what}: ${message}\n`);
      finish(code);
    };
    const onError = (err: Error): void => fail('failed', String(err?.stack ?? err), 1);

    const startWorker = (options: WorkerOptions & { workerData: FilesWorkerData | ThreadWorkerData }): Worker => {
      const worker = new Worker(WORKER, options);
      workers.push(worker);
      worker.on('error', onError);
      return worker;
    };
    // The descriptor table every thread shares.
    const files = startWorker({ workerData: { ...common, role: 'files', preopens: spec.preopens } });

    /** A worker for one of the program's threads, with a port to the files worker. */
    const threadWorker = (role: 'main' | 'thread'): Worker => {
      const { port1, port2 } = new MessageChannel();
      files.postMessage({ port: port1 }, [port1]);
      // The thread sleeps on spawnReply[0] until it holds 1; spawnReply[1] is the answer.
      const spawnReply = new Int32Array(new SharedArrayBuffer(8));
      const worker = startWorker({
        workerData: { ...common, role, module, args: spec.args, env: spec.env, filesPort: port2, spawnReply },
        transferList: [port2],
      });
      worker.on('message', (m: ThreadMessage) => {
        switch (m.type) {
          case 'spawn':
            Atomics.store(spawnReply, 1, spawn(m.startArg));
            Atomics.store(spawnReply, 0, 1);
            Atomics.notify(spawnReply, 0);
            break;
          case 'done':
            running--;
            idle.push(worker);
            break;
          case 'exit':
            finish(m.code);
            break;
          case 'trap':
            fail('trapped', m.message, TRAP_STATUS);
            break;
          case 'error':
            fail('failed', m.message, 1);
        }
      });
      return worker;
    };

    /** Answers a thread-spawn: a new thread id, or -EAGAIN. */
    const spawn = (startArg: number): number => {
      if (done || running >= maxThreads) return -EAGAIN;
      running++;
      const tid = nextTid;
      nextTid = nextTid === MAX_TID ? 1 : nextTid + 1;
      (idle.pop() ?? threadWorker('thread')).postMessage({ tid, startArg } satisfies StartThread);
      return tid;
    };

    const main = threadWorker('main');
    // Main always reports how it ended; this is for a worker that died without a word.
    main.on('exit', () => setTimeout(() => finish(1), 100).unref());
  });
}
