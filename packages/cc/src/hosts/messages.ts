// What the workers of the wasi-threads host (threads.ts, threads-worker.ts) tell each other.
import type { MessagePort } from 'node:worker_threads';

/** The program's memory import, by name. */
export interface MemoryImport {
  module: string;
  name: string;
}

/** workerData of the files worker, which holds the descriptor table every thread shares. */
export interface FilesWorkerData {
  role: 'files';
  memory: WebAssembly.Memory;
  memoryImport: MemoryImport;
  preopens: Record<string, string>;
}

/** workerData of a worker running one of the program's threads ('main' runs _start). */
export interface ThreadWorkerData {
  role: 'main' | 'thread';
  memory: WebAssembly.Memory;
  memoryImport: MemoryImport;
  module: WebAssembly.Module;
  args: string[];
  env: Record<string, string>;
  /** The thread's line to the files worker. */
  filesPort: MessagePort;
  /** The thread sleeps on spawnReply[0] until it holds 1; spawnReply[1] is the answer. */
  spawnReply: Int32Array;
}

export type WorkerData = FilesWorkerData | ThreadWorkerData;

/** From the supervisor to a 'thread' worker: run wasi_thread_start(tid, startArg). */
export interface StartThread {
  tid: number;
  startArg: number;
}

/** From a thread worker to the supervisor: a thread-spawn request, or how its thread ended. */
export type ThreadMessage =
  | { type: 'spawn'; startArg: number }
  | { type: 'done' }
  | { type: 'exit'; code: number }
  | { type: 'trap'; message: string }
  | { type: 'error'; message: string };
