/** What a host gets: the program's bytes, full argv (argv[0] first), environment, preopens. */
export interface HostSpec {
  bytes: Uint8Array;
  args: string[];
  env: Record<string, string>;
  /** guest path -> host directory */
  preopens: Record<string, string>;
  /** wasi-threads: at most this many threads besides the main one at a time. */
  maxThreads?: number;
}
export interface ExecSpec {
  wasm: string;
  /** The file's bytes, when already read. */
  bytes?: Uint8Array;
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
  /** wasi-threads: at most this many threads besides the main one at a time (0: none). */
  maxThreads?: number;
}
export interface RunSpec {
  wasm: string;
  /** argv, including argv[0] (default: [wasm]). */
  args?: string[];
  env?: Record<string, string>;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
  stdin?: string | Buffer;
  cwd?: string;
  /** Kill the program after this long (default 60 s). */
  timeoutMs?: number;
  /** wasi-threads: at most this many threads besides the main one at a time (0: none). */
  maxThreads?: number;
}
export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}
export declare const RUN_USAGE: string;
/** Which host a .wasm needs: 'component', 'threads', 'p1', or undefined when not WebAssembly. */
export declare function hostFor(bytes: Uint8Array): 'p1' | 'threads' | 'component' | undefined;
/** Runs a program in this process; resolves to its exit status (then exit with it). */
export declare function execWasm(spec: ExecSpec): Promise<number>;
export declare class RunUsageError extends Error {}
export declare function parseRunArgs(argv: string[], env?: NodeJS.ProcessEnv): ExecSpec;
/** The node arguments of `wasi-cc run` for `spec`, V8 flags its host needs first. */
export declare function runArgv(spec: RunSpec): string[];
/** Starts a program in a child `wasi-cc run` with piped stdio (for a server, say). */
export declare function spawnWasm(spec: RunSpec): import('node:child_process').ChildProcessWithoutNullStreams;
/** Runs a program in a child `wasi-cc run` and collects its output and status. */
export declare function runWasm(spec: RunSpec): Promise<RunResult>;
/** The `wasi-cc run` command line. */
export declare function runCommand(argv: string[]): Promise<number>;
