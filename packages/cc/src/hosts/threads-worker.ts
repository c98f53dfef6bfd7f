// Worker entry of the wasi-threads host (threads.ts). Role 'files' holds the descriptor table all
// threads share (threads-files.ts); role 'main' runs _start; role 'thread' runs wasi_thread_start
// for each thread the supervising thread hands it, one after the other. Each tells the supervisor
// how its thread ended: 'done' (returned), 'exit' (exit() or returning from main), 'trap' or
// 'error'.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WASIOptions } from 'node:wasi';
import type { StartThread, ThreadMessage, ThreadWorkerData, WorkerData } from './messages.js';
import { isTrap, silenceWasiWarning, trapDetails, trapReason } from './quiet.js';
import { serveSharedDescriptors, sharedDescriptorImports, type WasiFunctions } from './threads-files.js';
import { fixedPreview1 } from './p1-fixes.js';

silenceWasiWarning();
const { WASI } = await import('node:wasi');
const data = workerData as WorkerData;
const port = parentPort as MessagePort;

// proc_exit unwinds the calling thread with this, for its worker to report.
class ProcExit {
  constructor(readonly code: number) {}
}

function boundWasi(options: Omit<WASIOptions, 'version'>): WasiFunctions {
  const wasi = new WASI({ version: 'preview1', returnOnExit: false, ...options });
  // Binds node:wasi to the shared memory (initialize takes no instance that has a _start).
  wasi.initialize({ exports: { memory: data.memory } });
  return fixedPreview1(wasi.wasiImport as WasiFunctions, () => data.memory);
}

/** Runs one thread's entry point and returns how it ended, as a message for the supervisor. */
function runThread(entry: () => void, returned: ThreadMessage): ThreadMessage {
  try {
    entry();
    return returned;
  } catch (err) {
    if (err instanceof ProcExit) return { type: 'exit', code: err.code };
    if (isTrap(err)) return { type: 'trap', message: `${trapReason(err)}${trapDetails(err)}` };
    return { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

function runProgramThread(data: ThreadWorkerData): void {
  // The preopens live in the files worker; this thread's own node:wasi serves descriptors 0-2.
  const wasiImport = sharedDescriptorImports(boundWasi({ args: data.args, env: data.env }), data.filesPort, data.memory);
  // exit() in any thread ends the whole program, not just this thread.
  wasiImport.proc_exit = (code: unknown) => {
    throw new ProcExit(code as number);
  };
  const spawnReply = data.spawnReply;
  const threadSpawn = (startArg: number): number => {
    Atomics.store(spawnReply, 0, 0);
    port.postMessage({ type: 'spawn', startArg } satisfies ThreadMessage);
    Atomics.wait(spawnReply, 0, 0);
    return Atomics.load(spawnReply, 1);
  };
  const instance = new WebAssembly.Instance(data.module, {
    [data.memoryImport.module]: { [data.memoryImport.name]: data.memory },
    wasi_snapshot_preview1: wasiImport,
    wasi: { 'thread-spawn': threadSpawn },
  } as WebAssembly.Imports);
  const entries = instance.exports as Record<string, unknown>;
  if (data.role === 'main') {
    const start = entries._start;
    // Returning from _start is exit(0).
    port.postMessage(
      typeof start === 'function'
        ? runThread(() => start(), { type: 'exit', code: 0 })
        : ({ type: 'error', message: 'it has no _start export: it is a library (reactor), not a program' } satisfies ThreadMessage),
    );
  } else {
    const threadStart = entries.wasi_thread_start as (tid: number, startArg: number) => void;
    port.on('message', ({ tid, startArg }: StartThread) => {
      port.postMessage(runThread(() => threadStart(tid, startArg), { type: 'done' }));
    });
  }
}

if (data.role === 'files') serveSharedDescriptors(boundWasi({ preopens: data.preopens }), port);
else runProgramThread(data);
