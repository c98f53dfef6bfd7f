// Runs wasm32-wasip1-threads programs (wasi-threads over Preview 1) on @wasi/cc's threads host,
// in a child `wasi-cc run` process so that a crash, trap or hang cannot take the test runner down.
// (packages/cc/src/hosts/threads.ts describes the host.)
import { runWasm, THREADS_LINK_FLAGS as CC_THREADS_LINK_FLAGS, type RunResult, type RunSpec } from '@wasi/cc';
import type { ProgramHost } from '../conformance.ts';

/**
 * What a program needs at link time to run there, besides -pthread (which every compile for this
 * triple gets): its memory imported, so that every thread's instance gets the same shared one,
 * and a maximum size (without one, a shared memory's maximum is its initial size, and malloc soon
 * runs out). The flags wasi-cc links with.
 */
export const THREADS_LINK_FLAGS: string[] = [...CC_THREADS_LINK_FLAGS];

export interface ThreadsRunSpec extends RunSpec {
  /** The host refuses every thread-spawn: pthread_create fails with EAGAIN. */
  refuseSpawn?: boolean;
}

export function runThreads({ refuseSpawn, ...spec }: ThreadsRunSpec): Promise<RunResult> {
  return runWasm(refuseSpawn ? { ...spec, maxThreads: 0 } : spec);
}

export const threadsHost: ProgramHost = { linkFlags: THREADS_LINK_FLAGS, run: runThreads };
