// Runs a Preview 1 core module on Node's own WASI host (node:wasi): @wasi/cc's, in a child
// `wasi-cc run` process, so that a crash, trap or hang of the program under test cannot take
// the test runner down.
import { runWasm, type RunResult, type RunSpec } from '@wasi/cc';

export type { RunResult, RunSpec };

export function runP1(spec: RunSpec): Promise<RunResult> {
  return runWasm(spec);
}
