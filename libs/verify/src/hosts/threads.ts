// Runs wasm32-wasip1-threads programs (wasi-threads over Preview 1) on Node, in a child process
// (threads-runner.mjs) so that a crash, trap or hang cannot take the test runner down.
//
// The host is our own, on worker_threads, rather than @emnapi/wasi-threads 2.2.0, which falls
// short in two ways (measured on Node 20):
//  - It runs the program's main thread on the JavaScript main thread and serves thread-spawn
//    requests of other threads through that thread's event loop. A thread that creates a
//    thread while main is blocked (in pthread_join, say) waits forever.
//  - A worker whose thread has ended is released by the same event loop, so none is reused
//    while main runs: creating and joining 64 threads 20 times keeps 1280 workers alive
//    (33 s and 11 GB of memory, against about 1 s and 0.6 GB here).
// It also gives each thread a descriptor table of its own; here threads share one.
import { fileURLToPath } from 'node:url';
import type { ProgramHost } from '../conformance.ts';
import { runNodeChild, type RunResult, type RunSpec } from './p1.ts';

const RUNNER = fileURLToPath(new URL('./threads-runner.mjs', import.meta.url));

/**
 * What a program needs at link time to run here, besides -pthread (which every compile for
 * this triple gets): its memory imported, so that every thread's instance gets the same
 * shared one, and a maximum size (without one, a shared memory's maximum is its initial
 * size, and malloc soon runs out). No exports beyond _start and wasi_thread_start are needed.
 */
export const THREADS_LINK_FLAGS: string[] = ['-Wl,--import-memory,--max-memory=67108864'];

export interface ThreadsRunSpec extends RunSpec {
  /** The host refuses every thread-spawn: pthread_create fails with EAGAIN. */
  refuseSpawn?: boolean;
  /** At most this many threads besides the main one at a time; more spawns are refused. */
  maxThreads?: number;
}

export function runThreads(spec: ThreadsRunSpec): Promise<RunResult> {
  const payload = {
    wasm: spec.wasm,
    args: spec.args,
    env: spec.env ?? {},
    preopens: spec.preopens ?? {},
    maxThreads: spec.refuseSpawn ? 0 : spec.maxThreads,
  };
  return runNodeChild([RUNNER, JSON.stringify(payload)], spec.stdin, spec.timeoutMs ?? 60_000);
}

export const threadsHost: ProgramHost = { linkFlags: THREADS_LINK_FLAGS, run: runThreads };
