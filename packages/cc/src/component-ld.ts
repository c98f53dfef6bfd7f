// wasm-component-ld: a drop-in for the Rust tool of the same name that clang runs as the linker
// for --target=wasm32-wasip2. It runs wasm-ld with clang's arguments (minus its own), then turns
// the core module into a component with jco's componentNew and the wasi_snapshot_preview1
// adapter from @wasi/preview1-adapter: the command adapter when the module exports _start, the
// reactor adapter otherwise. The output appears whole or not at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { expandResponseFiles, quoteForResponseFile } from './args.js';
import { adapterPath, componentize, importsPreview1, writeFileAtomic, ADAPTER_MODULE } from './component.js';
import { errorCode, firstLine, noSpaceMessage } from './errors.js';
import { detectToolchain, isExecutable, ToolchainError } from './toolchain.js';
import { packageVersion } from './version.js';

const NAME = 'wasm-component-ld';

export const USAGE = `usage: ${NAME} [options] [wasm-ld arguments...]

Links with wasm-ld, then makes a WASI Preview 2 component of the result (clang runs this as the
linker for --target=wasm32-wasip2). Every argument not listed here goes to wasm-ld as it is.

Options of ${NAME}:
  --wasm-ld-path PATH     the wasm-ld to run (clang passes it; default: the detected LLVM's)
  --adapter KIND|PATH     wasi_snapshot_preview1 adapter: auto (default: command when the module
                          exports _start, reactor otherwise), command, reactor, or an adapter file
  --adapt [NAME=]PATH     an adapter for import module NAME (default ${ADAPTER_MODULE}); repeatable
  --skip-wit-component    only link: write the core module (also implied by -r and --shared)
  --help                  this text
  --version               versions of this tool and of wasm-ld

Environment: WASM_COMPONENT_LD_SKIP=1 acts like --skip-wit-component; WASI_WASM_LD names the
wasm-ld to run (it wins over --wasm-ld-path).`;

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

/** Separates this tool's own options from wasm-ld's and finds the output file. */
export function parseLinkerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): LinkerArgs {
  const { args, usedResponseFile } = expandResponseFiles(argv);
  const o: LinkerArgs = {
    wasmLdArgs: [],
    wasmLdPath: undefined,
    output: 'a.out',
    outputIndex: -1,
    skipComponent: env.WASM_COMPONENT_LD_SKIP === '1',
    adapter: 'auto',
    adapt: [],
    usedResponseFile,
    help: false,
    version: false,
  };
  const value = (flag: string, i: number): { v: string; next: number } => {
    const a = args[i] as string;
    if (a.startsWith(`${flag}=`)) return { v: a.slice(flag.length + 1), next: i };
    if (i + 1 >= args.length) throw new UsageError(`${flag} needs a value`);
    return { v: args[i + 1] as string, next: i + 1 };
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const is = (flag: string): boolean => a === flag || a.startsWith(`${flag}=`);
    if (is('--wasm-ld-path')) ({ v: o.wasmLdPath, next: i } = value('--wasm-ld-path', i));
    else if (is('--adapter')) ({ v: o.adapter, next: i } = value('--adapter', i));
    else if (is('--adapt')) {
      const r = value('--adapt', i);
      i = r.next;
      const eq = r.v.indexOf('=');
      o.adapt.push(eq > 0 ? [r.v.slice(0, eq), r.v.slice(eq + 1)] : [ADAPTER_MODULE, r.v]);
    } else if (a === '--skip-wit-component') o.skipComponent = true;
    else if (is('--component-type') || is('--string-encoding')) {
      throw new UsageError(`${a.split('=')[0]} is not supported by this ${NAME}: put the WIT types in a component-type custom section of an object file instead`);
    } else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--version' || a === '-V') o.version = true;
    else {
      if (a === '-o' || a === '--output') {
        o.wasmLdArgs.push(a);
        if (i + 1 >= args.length) throw new UsageError(`${a} needs a file name`);
        o.output = args[++i] as string;
        o.outputIndex = o.wasmLdArgs.length;
        o.wasmLdArgs.push(o.output);
        continue;
      }
      if (a.startsWith('--output=')) {
        o.output = a.slice('--output='.length);
        o.wasmLdArgs.push('-o');
        o.outputIndex = o.wasmLdArgs.length;
        o.wasmLdArgs.push(o.output);
        continue;
      }
      if (a.startsWith('-o') && a.length > 2 && !a.startsWith('-o=')) {
        o.output = a.slice(2);
        o.wasmLdArgs.push('-o');
        o.outputIndex = o.wasmLdArgs.length;
        o.wasmLdArgs.push(o.output);
        continue;
      }
      if (a === '-r' || a === '--relocatable' || a === '-shared' || a === '--shared') o.skipComponent = true;
      o.wasmLdArgs.push(a);
    }
  }
  return o;
}

export class UsageError extends Error {}

const ADAPTER_RESERVE = 'adapter-reserve.o';

/**
 * wasm32-wasip2's adapter-reserve.o, found where the link's startup file or library
 * directories are (only our sysroot has one); undefined for any other libc.
 */
function adapterReserveObject(wasmLdArgs: string[]): string | undefined {
  const dirs: string[] = [];
  for (let i = 0; i < wasmLdArgs.length; i++) {
    const a = wasmLdArgs[i] as string;
    if (/(^|\/)crt1(-command|-reactor)?\.o$/.test(a)) dirs.push(dirname(a));
    else if (a === '-L' && i + 1 < wasmLdArgs.length) dirs.push(wasmLdArgs[++i] as string);
    else if (a.startsWith('-L')) dirs.push(a.slice(2));
  }
  return dirs.map((d) => join(d, ADAPTER_RESERVE)).find((p) => existsSync(p));
}

function fail(message: string): number {
  process.stderr.write(`${NAME}: error: ${message}\n`);
  return 1;
}

/** Runs wasm-component-ld with `argv` (without node and the script). Resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let o: LinkerArgs;
  try {
    o = parseLinkerArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message}\n${USAGE}`);
    throw err;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // WASI_WASM_LD (which wasi-cc sets to the toolchain's) wins over the wasm-ld clang found.
  const fromEnv = process.env.WASI_WASM_LD;
  if (fromEnv && !isExecutable(fromEnv)) return fail(`wasm-ld "${fromEnv}" (from WASI_WASM_LD) does not exist or is not executable`);
  let wasmLd = fromEnv || o.wasmLdPath;
  if (!wasmLd || !isExecutable(wasmLd)) {
    if (wasmLd) return fail(`--wasm-ld-path ${wasmLd} does not exist or is not executable`);
    try {
      wasmLd = detectToolchain().wasmLd;
    } catch (err) {
      if (err instanceof ToolchainError) return fail(err.message);
      throw err;
    }
  }
  if (o.version) {
    process.stdout.write(`${NAME} ${packageVersion()} (@wasi/cc)\n`);
    const r = spawnSync(wasmLd, ['--version'], { stdio: 'inherit' });
    return r.status ?? 1;
  }
  if (o.wasmLdArgs.length === 0) return fail(`no input files\n${USAGE}`);

  // wasm-ld writes into a private directory next to the output, under the output's own file name
  // (wasm-ld records that name in the module); only a finished result gets the real path.
  let workDir: string;
  try {
    workDir = mkdtempSync(join(dirname(resolve(o.output)), '.wasm-component-ld-'));
  } catch (err) {
    return fail(`cannot open output file ${o.output}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const coreTmp = join(workDir, basename(o.output));
  // wasi-cc links into a private directory: its messages name the output as the user gave it.
  const shownOutput = process.env.WASM_COMPONENT_LD_OUTPUT_NAME || o.output;
  const args = [...o.wasmLdArgs];
  if (o.outputIndex >= 0) args[o.outputIndex] = coreTmp;
  else args.push('-o', coreTmp);

  const cleanup = () => rmSync(workDir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let ldArgs = args;
    if (o.usedResponseFile) {
      // clang used a response file for a long command line: hand wasm-ld one as well.
      const rsp = join(workDir, 'wasm-ld.rsp');
      writeFileSync(rsp, args.map(quoteForResponseFile).join('\n'));
      ldArgs = [`@${rsp}`];
    }
    const r = spawnSync(wasmLd, ldArgs, { stdio: 'inherit' });
    if (r.error) return fail(`could not run ${wasmLd}: ${r.error.message}`);
    if (r.status !== 0) return r.status ?? 1;

    if (o.skipComponent) {
      renameSync(coreTmp, o.output);
      return 0;
    }
    let core = readFileSync(coreTmp);
    // A mixed link: an object imports Preview 1 itself, so the adapter joins the component, and
    // libc must reserve its descriptor numbers in the adapter's table. That is what
    // adapter-reserve.o (beside crt1-command.o in the sysroot) does; link again with it.
    const needsAdapter = importsPreview1(core);
    const reserve = needsAdapter ? adapterReserveObject(o.wasmLdArgs) : undefined;
    if (reserve) {
      const again = spawnSync(wasmLd, [...ldArgs, reserve], { stdio: 'inherit' });
      if (again.error) return fail(`could not run ${wasmLd}: ${again.error.message}`);
      if (again.status !== 0) return again.status ?? 1;
      core = readFileSync(coreTmp);
    }
    let component: Uint8Array;
    try {
      const adapters: Array<[string, Uint8Array]> = o.adapt.length
        ? o.adapt.map(([name, path]): [string, Uint8Array] => [name, readFileSync(path)])
        : needsAdapter
          ? [[ADAPTER_MODULE, readFileSync(adapterPath(o.adapter, core))]]
          : [];
      component = await componentize(core, { adapters });
    } catch (err) {
      // (jco's messages carry a stray "$" at the start of a cause line)
      const message = (err instanceof Error ? err.message : String(err)).replace(/\n\$/g, '\n').trim();
      return fail(`could not make a component of ${shownOutput}: ${message}`);
    }
    try {
      writeFileAtomic(o.output, component);
    } catch (err) {
      if (errorCode(err) === 'ENOSPC') return fail(noSpaceMessage(dirname(resolve(o.output))));
      return fail(`cannot write ${shownOutput}: ${firstLine(err)}`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}
