export interface LinkerArgs {
  /** Arguments for wasm-ld (response files expanded). */
  wasmLdArgs: string[];
  wasmLdPath: string | undefined;
  /** The -o file (wasm-ld's default a.out otherwise). */
  output: string;
  /** Index of the output path in wasmLdArgs, -1 when implicit. */
  outputIndex: number;
  skipComponent: boolean;
  /** 'auto', 'command', 'reactor' or an adapter path. */
  adapter: string;
  /** [import module name, adapter path] */
  adapt: Array<[string, string]>;
  usedResponseFile: boolean;
  help: boolean;
  version: boolean;
}
export declare const USAGE: string;
export declare class UsageError extends Error {}
/** Separates wasm-component-ld's own options from wasm-ld's and finds the output file. */
export declare function parseLinkerArgs(argv: string[], env?: NodeJS.ProcessEnv): LinkerArgs;
/** Runs wasm-component-ld; resolves to the exit status. */
export declare function main(argv: string[]): Promise<number>;
