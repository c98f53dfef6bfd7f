// What every host gets to run one program.

/** The program's bytes, full argv (argv[0] first), environment and preopens. */
export interface HostSpec {
  bytes: Uint8Array;
  args: string[];
  env: Record<string, string>;
  /** guest path -> host directory */
  preopens: Record<string, string>;
  /** wasi-threads: at most this many threads besides the main one at a time. */
  maxThreads?: number | undefined;
}
