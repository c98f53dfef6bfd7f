// Runs inside preview2-shim's IO worker (loaded through its callExtension), where the Node
// sockets behind wasi:sockets live: our half of the fixes in p2-fixes.ts and of the TCP streams
// in p2-tcp.ts that need them.
import type { Socket } from 'node:net';
import type { WorkerExtension, WorkerExtensionContext } from '@bytecodealliance/preview2-shim/io-worker';
import { End, RING_BYTES, Slot, buffered, header, ring } from './p2-tcp-layout.js';

/** wasi:sockets/tcp shutdown-type. */
export type ShutdownType = 'receive' | 'send' | 'both';

/** The operations this extension serves, with their arguments. */
export interface IoWorkerOperations {
  /** A TCP connection's streams (by their ids) shut down in one or both directions. */
  'tcp-shutdown': [inputStream: number, outputStream: number, how: ShutdownType];
  /**
   * From now on the worker reads the connection (the socket of that input stream) only while the
   * component asks it to (Slot.Armed), into the connection's memory, and counts its events in
   * `events`.
   * Answers the socket's file descriptor, which the component reads and writes itself
   * otherwise; -1 if it has none, and nothing changes.
   */
  'tcp-attach': [inputStream: number, memory: SharedArrayBuffer, events: SharedArrayBuffer];
  /** Bytes the kernel did not take at once, written once it can (Slot.WritesPending counts them). */
  'tcp-write': [inputStream: number, bytes: Uint8Array];
  /** A future that is done at the next event after `seen` (or at once if that has happened). */
  'tcp-event': [seen: number];
}

/** Atomics.waitAsync (Node 16 and later; TypeScript's ES2022 library lacks it). */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

/** The parts of a Node socket's libuv handle (TCPWrap) that the attachment uses. */
interface SocketHandle {
  fd?: number;
  /** Node's own note that it has started reading (net.js starts reading only while it is false). */
  reading?: boolean;
  readStart?(): number;
  readStop?(): number;
}

/** A connection whose received bytes go into shared memory. */
interface Attached {
  socket: Socket;
  header: Int32Array;
  ring: Uint8Array;
  /** What did not fit into the ring, in order, while the socket is paused. */
  waiting: Buffer[];
  /** How the stream ended, once `waiting` is empty. */
  end?: number;
  /** Called when `waiting` has gone into the ring. */
  drained?: () => void;
}

export default function create(context: WorkerExtensionContext): WorkerExtension {
  // A stream the guest has dropped, or one of a connection that is gone, is no longer there.
  const socket = (id: number): Socket | undefined => {
    try {
      return context.getStream(id) as Socket;
    } catch {
      return undefined;
    }
  };
  const attached = new Map<number, Attached>();
  let events: Int32Array | undefined;
  let eventWaiters: Array<() => void> = [];
  const changed = () => {
    if (!events) return;
    Atomics.add(events, 0, 1);
    Atomics.notify(events, 0);
    const waiters = eventWaiters;
    eventWaiters = [];
    for (const wake of waiters) wake();
  };

  /** As much of `bytes` as fits into the ring; the rest, if any. */
  const put = (c: Attached, bytes: Buffer): Buffer | undefined => {
    const room = RING_BYTES - buffered(c.header);
    const n = Math.min(room, bytes.length);
    if (n > 0) {
      const written = Atomics.load(c.header, Slot.Written);
      const at = (written >>> 0) % RING_BYTES;
      const first = Math.min(n, RING_BYTES - at);
      c.ring.set(bytes.subarray(0, first), at);
      if (n > first) c.ring.set(bytes.subarray(first, n), 0);
      Atomics.store(c.header, Slot.Written, (written + n) | 0);
    }
    return n < bytes.length ? bytes.subarray(n) : undefined;
  };
  /** Bytes received, into the ring after those waiting for room. */
  const deliver = (c: Attached, bytes: Buffer) => {
    if (c.waiting.length > 0) return void c.waiting.push(bytes);
    const rest = put(c, bytes);
    if (rest) {
      c.waiting.push(rest);
      waitForRoom(c);
    }
  };
  const finish = (c: Attached) => {
    if (c.end !== undefined && c.waiting.length === 0) Atomics.store(c.header, Slot.End, c.end);
  };
  // Once the component has taken bytes out (it wakes us only while Slot.Paused is 1).
  const waitForRoom = (c: Attached) => {
    Atomics.store(c.header, Slot.Paused, 1);
    const taken = Atomics.load(c.header, Slot.Taken);
    const more = () => {
      Atomics.store(c.header, Slot.Paused, 0);
      while (c.waiting.length > 0) {
        const rest = put(c, c.waiting[0]!);
        if (rest) {
          c.waiting[0] = rest;
          break;
        }
        c.waiting.shift();
      }
      if (c.waiting.length > 0) waitForRoom(c);
      else {
        finish(c);
        c.drained?.();
      }
      changed();
    };
    if (RING_BYTES - buffered(c.header) > 0) return void more();
    const wait = waitAsync(c.header, Slot.Taken, taken);
    if (wait.async) void wait.value.then(more);
    else more();
  };

  const attach = ([input, memory, eventMemory]: IoWorkerOperations['tcp-attach']): number => {
    const s = socket(input);
    const handle = (s as (Socket & { _handle?: SocketHandle }) | undefined)?._handle;
    const fd = handle?.fd;
    if (!s || !handle || typeof fd !== 'number' || fd < 0 || !handle.readStart || !handle.readStop) return -1;
    const readStart = handle.readStart.bind(handle);
    const readStop = handle.readStop.bind(handle);
    events ??= new Int32Array(eventMemory);
    const c: Attached = { socket: s, header: header(memory), ring: ring(memory), waiting: [] };
    attached.set(input, c);
    // From now on the socket reads only while the component waits (Slot.Armed): Node starts
    // reading by itself only when `reading` is false.
    readStop();
    handle.reading = true;
    // What Node has read already goes first, into the ring, before the component reads the
    // socket itself.
    for (let bytes = s.read() as Buffer | null; bytes !== null; bytes = s.read() as Buffer | null) deliver(c, bytes);
    // Until all of that is in the ring, the component takes bytes only from there.
    if (c.waiting.length > 0) Atomics.store(c.header, Slot.Armed, 1);
    let open = true;
    const watch = () => {
      if (!open) return;
      const wait = waitAsync(c.header, Slot.Armed, 0);
      const armed = () => {
        if (!open) return;
        if (Atomics.load(c.header, Slot.Armed) === 1) readStart();
        else watch();
      };
      if (wait.async) void wait.value.then(armed);
      else armed();
    };
    // The component may read the socket again once every byte the worker has is in the ring.
    const disarm = () => {
      if (c.waiting.length > 0 || Atomics.load(c.header, Slot.Armed) === 0) return;
      Atomics.store(c.header, Slot.Armed, 0);
      watch();
    };
    c.drained = disarm;
    s.on('data', (bytes: Buffer) => {
      // Bytes still in the ring: the component is behind, and will find the next ones in the
      // socket without waiting. Otherwise it waits for them (a request and its answer), and
      // we go on reading, which saves it a wake-up of this thread per message.
      const behind = buffered(c.header) > 0 || c.waiting.length > 0;
      deliver(c, bytes);
      if (behind) {
        readStop();
        disarm();
      }
      changed();
    });
    const ended = (how: number) => () => {
      c.end ??= how;
      finish(c);
      open = false;
      Atomics.store(c.header, Slot.Armed, 0);
      changed();
    };
    s.on('end', ended(End.Ended));
    s.on('error', ended(End.Failed));
    s.on('close', () => {
      Atomics.store(c.header, Slot.Closed, 1);
      ended(End.Ended)();
      attached.delete(input);
    });
    // Flowing, for 'data' (an accepted socket starts paused); Node's buffer is empty by now.
    s.resume();
    watch();
    return fd;
  };

  const write = ([input, bytes]: IoWorkerOperations['tcp-write']): undefined => {
    const c = attached.get(input);
    if (!c) throw new Error(`wasi-cc: no attached connection ${input}`);
    Atomics.add(c.header, Slot.WritesPending, 1);
    c.socket.write(bytes, (err) => {
      if (err) Atomics.store(c.header, Slot.WriteFailed, 1);
      Atomics.sub(c.header, Slot.WritesPending, 1);
      changed();
    });
    return undefined;
  };

  const nextEvent = ([seen]: IoWorkerOperations['tcp-event']): number =>
    context.createFuture(
      new Promise<void>((resolve) => {
        if (!events || Atomics.load(events, 0) !== seen) resolve();
        else eventWaiters.push(resolve);
      }),
    );

  const shutdown = ([input, output, how]: IoWorkerOperations['tcp-shutdown']): undefined => {
    if (how === 'send' || how === 'both') {
      // A FIN once the written bytes are out; the read side stays open (allowHalfOpen).
      socket(output)?.end();
    }
    if (how === 'receive' || how === 'both') {
      const s = socket(input);
      if (s && !s.readableEnded) {
        // Drop what is buffered, stop taking bytes from the kernel and end the readable side
        // ('end', which resume() lets happen at once), so that reads report the stream closed;
        // writing goes on.
        while (s.read() !== null);
        (s as Socket & { _handle?: { readStop?(): void } })._handle?.readStop?.();
        s.push(null);
        s.resume();
      }
    }
    return undefined;
  };

  return (operation, args) => {
    switch (operation) {
      case 'tcp-shutdown':
        return shutdown(args as IoWorkerOperations['tcp-shutdown']);
      case 'tcp-attach':
        return attach(args as IoWorkerOperations['tcp-attach']);
      case 'tcp-write':
        return write(args as IoWorkerOperations['tcp-write']);
      case 'tcp-event':
        return nextEvent(args as IoWorkerOperations['tcp-event']);
      default:
        throw new Error(`wasi-cc: unknown IO worker operation ${operation}`);
    }
  };
}
