// Host calls straight from the component's core module, for the calls a connection makes for
// every send and recv. jco's generated bindings (jco-transpile 0.15) wrap every host call in
// the component model's task machinery (a task, a subtask and their promises, each time), which
// costs some microseconds per call, well over what a read of bytes already there costs, and
// makes the first thousands of calls slower still, until V8 has compiled that code. Transpiled
// with importBindings 'hybrid', the bindings ask each imported function for a
// Symbol.for('cabiLower') function and, when there is one, give it to the core module as the
// import itself (preview2-shim has such functions for its clocks and pollables).
//
// Ours sit on the shim's stream and pollable methods, so they are asked for every stream and
// pollable: one of ours (found by its rep, p2-tcp.ts) is answered here, reading and writing the
// core module's memory as the canonical ABI lays it out; any other, and any error, goes to the
// generated binding (`fallback`, which p2.ts's bindings fix passes), which calls the method of
// the object again: the errors of our objects stay the same when asked twice.

/** What the bindings give a cabiLower function (plus `fallback`, from our fix of the bindings). */
export interface LowerContext {
  memory?: WebAssembly.Memory;
  realloc?: (oldPtr: number, oldSize: number, align: number, newSize: number) => number;
  resourceTables?: number[][];
  fallback?: (...args: never[]) => unknown;
}

export type CoreFunction = (...args: never[]) => unknown;
export type Lowering = (ctx: LowerContext) => CoreFunction;

export const CABI_LOWER = Symbol.for('cabiLower');

/** The flag jco's tables set on owned handles and free slots. */
const T_FLAG = 1 << 30;

/** The reps our objects carry (p2-tcp.ts): above any count jco or the shim starts from 1. */
export const FIRST_LOCAL_REP = 1 << 29;

/** The rep of one of our objects that `handle` names in one of `tables`, or 0. (The bindings
 * give a method the tables of every resource type in its signature, in their own order; only
 * ours carry reps this large, so the one that has it is the right one.) */
function localRep(tables: number[][], handle: number): number {
  for (const table of tables) {
    if (((table[handle << 1] ?? T_FLAG) & T_FLAG) !== 0) continue; // a free slot
    const rep = (table[(handle << 1) + 1] ?? 0) & ~T_FLAG;
    if (rep >= FIRST_LOCAL_REP) return rep;
  }
  return 0;
}

/** The calls of ours that are lowered here, by rep. */
export interface LocalInput {
  read(len: number): Uint8Array;
  blockingRead(len: number): Uint8Array;
}
export interface LocalOutput {
  checkWrite(): bigint;
  write(bytes: Uint8Array): void;
  blockingFlush(): void;
}
/** What one of our pollables waits for (p2-tcp.ts makes them). */
export interface Readiness {
  ready(): boolean;
  /** For a clock: the monotonic instant (ns) it is ready at. */
  deadline?: bigint;
  /** For a stream: whether it changes with the worker's events. */
  stream?: true;
}

export const localInputs = new Map<number, LocalInput>();
export const localOutputs = new Map<number, LocalOutput>();
export const localPollables = new Map<number, Readiness>();

/** A stream error, thrown by our objects: left to the generated binding to lower. */
function isStreamError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'tag' in err;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`wasi-cc: the bindings gave a lowered call no ${what}`);
  return value;
}

/** result<list<u8>, stream-error>: ok is tag 0, then the list's address and length. */
function lowerRead(pick: (input: LocalInput, len: number) => Uint8Array): Lowering {
  return (ctx) => {
    const memory = required(ctx.memory, 'memory');
    const realloc = required(ctx.realloc, 'realloc');
    const tables = required(ctx.resourceTables, 'resource tables');
    const fallback = required(ctx.fallback, 'fallback') as (handle: number, len: bigint, retptr: number) => unknown;
    return ((handle: number, len: bigint, retptr: number) => {
      const input = localInputs.get(localRep(tables, handle));
      if (!input) return fallback(handle, len, retptr);
      let bytes: Uint8Array;
      try {
        bytes = pick(input, Number(len));
      } catch (err) {
        if (isStreamError(err)) return fallback(handle, len, retptr);
        throw err;
      }
      // As the bindings do, an empty list is allocated too.
      const ptr = realloc(0, 0, 1, bytes.length);
      new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
      const view = new DataView(memory.buffer);
      view.setUint8(retptr, 0);
      view.setUint32(retptr + 4, ptr, true);
      view.setUint32(retptr + 8, bytes.length, true);
      return undefined;
    }) as CoreFunction;
  };
}

/** An output-stream method of (self) -> result<T, stream-error>: ok is tag 0, then what `store`
 * puts after it. */
function lowerOutputCall<T>(call: (output: LocalOutput) => T, store: (view: DataView, retptr: number, value: T) => void): Lowering {
  return (ctx) => {
    const memory = required(ctx.memory, 'memory');
    const tables = required(ctx.resourceTables, 'resource tables');
    const fallback = required(ctx.fallback, 'fallback') as (handle: number, retptr: number) => unknown;
    return ((handle: number, retptr: number) => {
      const output = localOutputs.get(localRep(tables, handle));
      if (!output) return fallback(handle, retptr);
      let value: T;
      try {
        value = call(output);
      } catch (err) {
        if (isStreamError(err)) return fallback(handle, retptr);
        throw err;
      }
      const view = new DataView(memory.buffer);
      view.setUint8(retptr, 0);
      store(view, retptr, value);
      return undefined;
    }) as CoreFunction;
  };
}

/** check-write: the count (u64) at offset 8. */
const lowerCheckWrite = lowerOutputCall(
  (o) => o.checkWrite(),
  (view, retptr, permit) => view.setBigUint64(retptr + 8, permit, true),
);

/** blocking-flush: nothing more. */
const lowerBlockingFlush = lowerOutputCall(
  (o) => o.blockingFlush(),
  () => {},
);

/** write(list<u8>) -> result<_, stream-error>: ok is tag 0. The bytes are used before the call
 * returns (written, or copied to the worker), so a view of the component's memory serves. */
const lowerWrite: Lowering = (ctx) => {
  const memory = required(ctx.memory, 'memory');
  const tables = required(ctx.resourceTables, 'resource tables');
  const fallback = required(ctx.fallback, 'fallback') as (handle: number, ptr: number, len: number, retptr: number) => unknown;
  return ((handle: number, ptr: number, len: number, retptr: number) => {
    const output = localOutputs.get(localRep(tables, handle));
    if (!output) return fallback(handle, ptr, len, retptr);
    // Out of bounds is a RangeError, the trap it is (as checkListBounds makes the binding's).
    const bytes = new Uint8Array(memory.buffer, ptr, len);
    try {
      output.write(bytes);
    } catch (err) {
      if (isStreamError(err)) return fallback(handle, ptr, len, retptr);
      throw err;
    }
    new DataView(memory.buffer).setUint8(retptr, 0);
    return undefined;
  }) as CoreFunction;
};

/** pollable.ready and .block: ours here, the shim's through its own lowering. */
function lowerPollable(pick: (p: Readiness) => unknown, shim: Lowering | undefined): Lowering {
  return (ctx) => {
    const tables = required(ctx.resourceTables, 'resource tables');
    const other = (shim ? shim(ctx) : required(ctx.fallback, 'fallback')) as (handle: number) => unknown;
    return ((handle: number) => {
      const p = localPollables.get(localRep(tables, handle));
      return p ? pick(p) : other(handle);
    }) as CoreFunction;
  };
}

export type Method = { [CABI_LOWER]?: Lowering };
export type Methods<K extends string> = Record<K, Method>;

export const INSTALLED = Symbol.for('wasi-cc.p2-lowered');

/** Our lowerings on the shim's stream and pollable methods (once per process: the shim's
 * classes are shared). */
export function installLowerings(
  pollable: Methods<'ready' | 'block'> & { [INSTALLED]?: true },
  input: Methods<'read' | 'blockingRead'>,
  output: Methods<'checkWrite' | 'write' | 'blockingFlush'>,
  wait: (states: Readiness[]) => void,
): void {
  if (pollable[INSTALLED]) return;
  pollable[INSTALLED] = true;
  pollable.ready[CABI_LOWER] = lowerPollable((p) => (p.ready() ? 1 : 0), pollable.ready[CABI_LOWER]);
  pollable.block[CABI_LOWER] = lowerPollable((p) => wait([p]), pollable.block[CABI_LOWER]);
  input.read[CABI_LOWER] = lowerRead((i, len) => i.read(len));
  input.blockingRead[CABI_LOWER] = lowerRead((i, len) => i.blockingRead(len));
  output.checkWrite[CABI_LOWER] = lowerCheckWrite;
  output.write[CABI_LOWER] = lowerWrite;
  output.blockingFlush[CABI_LOWER] = lowerBlockingFlush;
}

/** wasi:clocks/wall-clock datetime: seconds (u64) at offset 0, nanoseconds (u32) at 8. */
function storeDatetime(memory: WebAssembly.Memory, retptr: number, seconds: bigint, nanoseconds: number): void {
  const view = new DataView(memory.buffer);
  view.setBigUint64(retptr, seconds, true);
  view.setUint32(retptr + 8, nanoseconds, true);
}

/**
 * wasi:clocks/wall-clock now and resolution. The shim's lowerings of both index the memory in
 * the wrong units (a BigInt64Array by bytes / 4, the nanoseconds 32 bytes on): the seconds
 * land elsewhere and a program reads a time near 1970. (Its `now` also read the clock twice, once
 * for the seconds and once for the rest.) Ours store the record as the canonical ABI lays it
 * out, from one reading.
 */
export function fixWallClockLowerings(wallClock: { now: Method; resolution: Method } & { [INSTALLED]?: true }): void {
  if (wallClock[INSTALLED]) return;
  wallClock[INSTALLED] = true;
  wallClock.now[CABI_LOWER] = (ctx) => {
    const memory = required(ctx.memory, 'memory');
    return ((retptr: number) => {
      const ms = Date.now();
      storeDatetime(memory, retptr, BigInt(Math.floor(ms / 1000)), (ms % 1000) * 1_000_000);
    }) as CoreFunction;
  };
  wallClock.resolution[CABI_LOWER] = (ctx) => {
    const memory = required(ctx.memory, 'memory');
    return ((retptr: number) => storeDatetime(memory, retptr, 0n, 1_000_000)) as CoreFunction;
  };
}
