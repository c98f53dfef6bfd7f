// TCP streams without a call into preview2-shim's IO worker for each read and write. Every
// stream method of the shim is a synchronous round trip to its worker thread (a message there,
// Atomics.wait for the answer), which made a recv or send cost tens of microseconds whatever the
// bytes. Ours, for the streams of a connected TCP socket:
//   - reads and writes go to the socket's file descriptor from this thread (the kernel's
//     socket is non-blocking: it takes or gives what it can, or says EAGAIN);
//   - to wait for bytes, we ask the worker to read (p2-io-worker.ts): it puts what comes into
//     a ring in shared memory, stops reading, and wakes us through an Atomics counter; until
//     we have taken those, we read nothing else, so the bytes keep their order;
//   - what the kernel cannot take at once goes to the worker, which writes it when the socket
//     drains, and until then the stream has no room (check-write 0);
//   - pollables of these streams, and of the monotonic clock, are answered here, and poll waits
//     on the same counter; a list that also holds other pollables of the shim waits in the
//     worker, for those and for a future of our next event.
// The shim's socket, its streams and its other calls stay as they are.
import { readSync, writeSync } from 'node:fs';
import { hrtime } from 'node:process';
import { callExtension, createIoError, futureDispose, futureSubscribe, inputStreamId } from '@bytecodealliance/preview2-shim/io-worker';
import type { Pollable } from '@bytecodealliance/preview2-shim/interfaces/wasi-io-poll';
import type { InputStream, OutputStream, StreamError } from '@bytecodealliance/preview2-shim/interfaces/wasi-io-streams';
import { siblingModule } from '../files.js';
import type { IoWorkerOperations } from './p2-io-worker.js';
import { FIRST_LOCAL_REP, installLowerings, localInputs, localOutputs, localPollables, type Readiness } from './p2-lowered.js';
import { End, EVENTS_BYTES, RING_BYTES, Slot, buffered, connectionMemory, header, ring } from './p2-tcp-layout.js';

const IO_WORKER = siblingModule('p2-io-worker', import.meta.url);

/** What check-write allows at a time: the kernel takes about this much at once on loopback. */
const WRITE_PERMIT = 256 * 1024;

/** jco's bindings key their table of host objects by this property, or by a count from 1 when it
 * is missing, as is the shim's own pollable ids: ours stay clear of both, which is also how our
 * lowered calls (p2-lowered.ts) know ours. */
const CABI_REP = Symbol.for('cabiRep');
let nextRep = FIRST_LOCAL_REP;

/** The event counter the worker adds to and wakes us with (p2-tcp-layout.ts). */
const events = new Int32Array(new SharedArrayBuffer(EVENTS_BYTES));

type Constructor<T> = new () => T;

/** The shim's resource classes that ours extend. */
interface ShimClasses {
  Pollable: Constructor<Pollable>;
  InputStream: Constructor<InputStream>;
  OutputStream: Constructor<OutputStream>;
}

/** The shim's functions that ours fall back on. */
interface ShimCalls {
  poll(list: Pollable[]): Uint32Array;
  subscribeInstant(instant: bigint): Pollable;
  subscribeDuration(duration: bigint): Pollable;
}

/** Our resource classes: subclasses of the shim's (jco's bindings check instanceof), whose
 * methods are answered here. */
export interface LocalClasses {
  LocalPollable: new (state: Readiness) => Pollable;
  TcpInputStream: new (connection: Connection, shimStream: InputStream) => InputStream;
  TcpOutputStream: new (connection: Connection, shimStream: OutputStream) => OutputStream;
}

const classesOf = new WeakMap<object, LocalClasses>();

function markRep(resource: object): number {
  const rep = nextRep++;
  Object.defineProperty(resource, CABI_REP, { value: rep, writable: true });
  return rep;
}

export function localClasses(shim: ShimClasses): LocalClasses {
  const known = classesOf.get(shim.Pollable);
  if (known) return known;
  installLowerings(shim.Pollable.prototype as never, shim.InputStream.prototype as never, shim.OutputStream.prototype as never, waitLocally);

  class LocalPollable extends shim.Pollable {
    private readonly rep: number;
    constructor(private readonly state: Readiness) {
      super();
      this.rep = markRep(this);
      localPollables.set(this.rep, state);
    }
    override ready(): boolean {
      return this.state.ready();
    }
    override block(): void {
      waitLocally([this.state]);
    }
    [Symbol.dispose](): void {
      localPollables.delete(this.rep);
    }
  }

  class TcpInputStream extends shim.InputStream {
    private readonly rep: number;
    constructor(
      private readonly c: Connection,
      private readonly shimStream: InputStream,
    ) {
      super();
      this.rep = markRep(this);
      localInputs.set(this.rep, { read: (len) => c.read(len), blockingRead: (len) => c.blockingRead(len) });
    }
    override read(len: bigint): Uint8Array {
      return this.c.read(Number(len));
    }
    override blockingRead(len: bigint): Uint8Array {
      return this.c.blockingRead(Number(len));
    }
    override skip(len: bigint): bigint {
      return BigInt(this.c.read(Number(len)).length);
    }
    override blockingSkip(len: bigint): bigint {
      return BigInt(this.c.blockingRead(Number(len)).length);
    }
    override subscribe(): Pollable {
      return new LocalPollable(this.c.whenReadable);
    }
    [Symbol.dispose](): void {
      localInputs.delete(this.rep);
      dispose(this.shimStream);
    }
  }

  class TcpOutputStream extends shim.OutputStream {
    private readonly rep: number;
    constructor(
      private readonly c: Connection,
      private readonly shimStream: OutputStream,
    ) {
      super();
      this.rep = markRep(this);
      localOutputs.set(this.rep, { checkWrite: () => c.checkWrite(), write: (bytes) => c.write(bytes), blockingFlush: () => c.flush() });
    }
    override checkWrite(): bigint {
      return this.c.checkWrite();
    }
    override write(bytes: Uint8Array): void {
      this.c.write(bytes);
    }
    override blockingWriteAndFlush(bytes: Uint8Array): void {
      this.c.write(bytes);
      this.c.flush();
    }
    override flush(): void {
      this.c.checkWrite();
    }
    override blockingFlush(): void {
      this.c.flush();
    }
    override subscribe(): Pollable {
      return new LocalPollable(this.c.whenWritable);
    }
    override writeZeroes(len: bigint): void {
      this.c.write(new Uint8Array(Number(len)));
    }
    override blockingWriteZeroesAndFlush(len: bigint): void {
      this.c.write(new Uint8Array(Number(len)));
      this.c.flush();
    }
    override splice(from: InputStream, len: bigint): bigint {
      return this.spliceFrom(from, len, false);
    }
    override blockingSplice(from: InputStream, len: bigint): bigint {
      return this.spliceFrom(from, len, true);
    }
    private spliceFrom(from: InputStream, len: bigint, block: boolean): bigint {
      if (this.c.checkWrite() === 0n) {
        if (!block) return 0n;
        this.c.flush();
      }
      const max = len < BigInt(WRITE_PERMIT) ? len : BigInt(WRITE_PERMIT);
      const bytes = block ? from.blockingRead(max) : from.read(max);
      this.c.write(bytes);
      return BigInt(bytes.length);
    }
    [Symbol.dispose](): void {
      localOutputs.delete(this.rep);
      dispose(this.shimStream);
    }
  }

  const classes = { LocalPollable, TcpInputStream, TcpOutputStream };
  classesOf.set(shim.Pollable, classes);
  return classes;
}

/** Blocks this thread until one of `states` is ready. */
function waitLocally(states: Readiness[]): void {
  for (;;) {
    const seen = Atomics.load(events, 0);
    if (states.some((s) => s.ready())) return;
    let deadline: bigint | undefined;
    for (const s of states) if (s.deadline !== undefined && (deadline === undefined || s.deadline < deadline)) deadline = s.deadline;
    // Atomics.wait takes milliseconds; the loop makes up for a wake a little early.
    const ms = deadline === undefined ? undefined : Math.max(0, Number(deadline - hrtime.bigint()) / 1e6);
    Atomics.wait(events, 0, seen, ms);
  }
}

/** A resource of the shim released now, not when the garbage collector gets to it. */
function dispose(resource: object): void {
  (resource as { [Symbol.dispose]?(): void })[Symbol.dispose]?.();
}

function lastOperationFailed(message: string): StreamError {
  return { tag: 'last-operation-failed', val: createIoError(message) };
}

/** The shared state of one connection, seen from this thread. */
export class Connection {
  readonly header: Int32Array;
  readonly ring: Uint8Array;
  /** Why the component's own writes stopped: a failed write (EPIPE, ECONNRESET...). */
  writeError: string | undefined;
  /** How the stream ended, as our own reads of the socket saw it. */
  private ownEnd: number | undefined;
  private scratch = new Uint8Array(64 * 1024);
  /** What the streams' pollables wait for. */
  readonly whenReadable: Readiness = { ready: () => this.readable(), stream: true };
  readonly whenWritable: Readiness = { ready: () => this.writable(), stream: true };

  constructor(
    readonly key: number,
    readonly fd: number,
    memory: SharedArrayBuffer,
  ) {
    this.header = header(memory);
    this.ring = ring(memory);
  }

  /** Ready to read: bytes or the end are there. Otherwise the worker is asked to read for us
   * (Slot.Armed), and says when it has. */
  readable(): boolean {
    const h = this.header;
    if (buffered(h) > 0 || this.end() !== End.Open) return true;
    if (Atomics.load(h, Slot.Armed) === 0) {
      Atomics.store(h, Slot.Armed, 1);
      Atomics.notify(h, Slot.Armed);
    }
    return false;
  }

  private end(): number {
    return this.ownEnd ?? Atomics.load(this.header, Slot.End);
  }

  read(len: number): Uint8Array {
    const h = this.header;
    // Armed: the worker is reading, and what it gets goes into the ring. Not armed: every byte
    // it got is in the ring already, and the socket is ours to read.
    const armed = Atomics.load(h, Slot.Armed) === 1;
    const available = buffered(h);
    if (available > 0) return this.fromRing(Math.min(available, len));
    const end = this.end();
    if (end === End.Ended) throw { tag: 'closed' } satisfies StreamError;
    if (end === End.Failed) throw lastOperationFailed('connection reset');
    if (armed || len === 0 || Atomics.load(h, Slot.Closed)) return new Uint8Array(0);
    const want = Math.min(len, RING_BYTES);
    if (this.scratch.length < want) this.scratch = new Uint8Array(RING_BYTES);
    let n: number;
    try {
      n = readSync(this.fd, this.scratch, 0, want, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return new Uint8Array(0);
      this.ownEnd = End.Failed;
      throw lastOperationFailed(code ?? String(err));
    }
    if (n === 0) {
      this.ownEnd = End.Ended;
      throw { tag: 'closed' } satisfies StreamError;
    }
    return this.scratch.subarray(0, n);
  }

  blockingRead(len: number): Uint8Array {
    for (;;) {
      const bytes = this.read(len);
      if (bytes.length > 0 || len === 0) return bytes;
      waitLocally([this.whenReadable]);
    }
  }

  private fromRing(n: number): Uint8Array {
    const h = this.header;
    const taken = Atomics.load(h, Slot.Taken);
    const at = (taken >>> 0) % RING_BYTES;
    // The bindings copy the bytes into the component's memory before anything else runs, so one
    // buffer serves every read (a new one each time cost more than the copies).
    if (this.scratch.length < n) this.scratch = new Uint8Array(RING_BYTES);
    const out = this.scratch.subarray(0, n);
    const first = Math.min(n, RING_BYTES - at);
    out.set(this.ring.subarray(at, at + first));
    if (n > first) out.set(this.ring.subarray(0, n - first), first);
    Atomics.store(h, Slot.Taken, (taken + n) | 0);
    if (Atomics.load(h, Slot.Paused)) Atomics.notify(h, Slot.Taken);
    return out;
  }

  writable(): boolean {
    return Atomics.load(this.header, Slot.WritesPending) === 0 || this.failed() !== undefined;
  }

  failed(): string | undefined {
    if (this.writeError) return this.writeError;
    if (Atomics.load(this.header, Slot.WriteFailed)) return 'write failed';
    return Atomics.load(this.header, Slot.Closed) ? 'the socket is closed' : undefined;
  }

  checkWrite(): bigint {
    const failed = this.failed();
    if (failed) throw lastOperationFailed(failed);
    return Atomics.load(this.header, Slot.WritesPending) === 0 ? BigInt(WRITE_PERMIT) : 0n;
  }

  write(bytes: Uint8Array): void {
    const failed = this.failed();
    if (failed) throw lastOperationFailed(failed);
    let done = 0;
    if (Atomics.load(this.header, Slot.WritesPending) === 0) {
      try {
        while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
          this.writeError = code ?? String(err);
          throw lastOperationFailed(this.writeError);
        }
      }
    }
    if (done < bytes.length) {
      const args: IoWorkerOperations['tcp-write'] = [this.key, bytes.slice(done)];
      callExtension(IO_WORKER, 'tcp-write', args);
    }
  }

  flush(): void {
    waitLocally([this.whenWritable]);
    const failed = this.failed();
    if (failed) throw lastOperationFailed(failed);
  }
}

/**
 * A connection's streams as ours; the shim's as they are if the worker found no file
 * descriptor for the socket.
 */
export function localTcpStreams(classes: ShimClasses, streams: [InputStream, OutputStream]): [InputStream, OutputStream] {
  const memory = connectionMemory();
  const key = inputStreamId(streams[0]);
  const args: IoWorkerOperations['tcp-attach'] = [key, memory, events.buffer as SharedArrayBuffer];
  const fd = callExtension(IO_WORKER, 'tcp-attach', args) as number;
  if (fd < 0) return streams;
  const c = new Connection(key, fd, memory);
  const { TcpInputStream, TcpOutputStream } = localClasses(classes);
  return [new TcpInputStream(c, streams[0]), new TcpOutputStream(c, streams[1])];
}

/** wasi:io/poll's poll over our pollables and the shim's. */
export function localPoll(shim: ShimCalls): (list: Pollable[]) => Uint32Array {
  return (list) => {
    const states = list.map((p) => localPollables.get((p as { [CABI_REP]?: number })[CABI_REP] ?? 0));
    const theirs = states.flatMap((s, i) => (s ? [] : [i]));
    if (theirs.length === list.length) return shim.poll(list);
    const ours = states.flatMap((s, i) => (s ? [[i, s] as const] : []));
    const readyOfOurs = () => ours.filter(([, s]) => s.ready()).map(([i]) => i);
    if (theirs.length === 0) {
      waitLocally(ours.map(([, s]) => s));
      return new Uint32Array(readyOfOurs());
    }
    const theirReady = (answer: Uint32Array) => [...answer].filter((k) => k < theirs.length).map((k) => theirs[k]!);
    for (;;) {
      const seen = Atomics.load(events, 0);
      const ready = readyOfOurs();
      const extra: Pollable[] = [];
      let future: number | undefined;
      if (ready.length > 0) {
        // Only collect those of the shim that are ready too.
        extra.push(shim.subscribeDuration(0n));
      } else {
        // Wait in the worker: for the shim's, our earliest clock, and our next event.
        const deadlines = ours.flatMap(([, s]) => (s.deadline === undefined ? [] : [s.deadline]));
        if (deadlines.length > 0) extra.push(shim.subscribeInstant(deadlines.reduce((a, b) => (a < b ? a : b))));
        if (ours.some(([, s]) => s.stream)) {
          const args: IoWorkerOperations['tcp-event'] = [seen];
          future = callExtension(IO_WORKER, 'tcp-event', args) as number;
          extra.push(futureSubscribe(future, events));
        }
      }
      const answer = shim.poll([...theirs.map((i) => list[i]!), ...extra]);
      for (const p of extra) dispose(p);
      if (future !== undefined) futureDispose(future);
      const all = [...ready.length > 0 ? ready : readyOfOurs(), ...theirReady(answer)].sort((a, b) => a - b);
      if (all.length > 0) return new Uint32Array(all);
    }
  };
}

/** wasi:clocks/monotonic-clock's subscribe-instant and -duration, as our pollables. */
export function localClock(classes: ShimClasses): Pick<ShimCalls, 'subscribeInstant' | 'subscribeDuration'> {
  const { LocalPollable } = localClasses(classes);
  const at = (deadline: bigint) => new LocalPollable({ deadline, ready: () => hrtime.bigint() >= deadline });
  return {
    subscribeInstant: (instant) => at(BigInt(instant)),
    subscribeDuration: (duration) => at(hrtime.bigint() + BigInt(duration)),
  };
}
