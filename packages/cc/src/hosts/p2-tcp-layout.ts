// The memory a TCP connection's two halves share (p2-tcp.ts on the component's thread,
// p2-io-worker.ts in preview2-shim's IO worker): a header of counters and flags, and a ring for
// the bytes the worker received while the component waited for them.

/** Int32 slots of a connection's header. */
export const Slot = {
  /** Bytes the worker has put into the ring (a counter modulo 2^32). */
  Written: 0,
  /** Bytes the component has taken out of it. */
  Taken: 1,
  /** How the received stream ended: one of End. */
  End: 2,
  /** 1 while the worker waits for room in the ring (the component then wakes it). */
  Paused: 3,
  /** Writes handed to the worker (the kernel could not take them at once) and not done yet. */
  WritesPending: 4,
  /** 1 once a write the worker made failed. */
  WriteFailed: 5,
  /** 1 while the worker reads from the socket for the component (which asks when it has to
   * wait for bytes); only then does the worker read, and the component does not, so the bytes
   * keep their order. The worker stops when the component falls behind. */
  Armed: 6,
  /** 1 once the socket is closed (its file descriptor may then be another file's). */
  Closed: 7,
} as const;

export const End = { Open: 0, Ended: 1, Failed: 2 } as const;

export const HEADER_BYTES = 32;
/** Bytes received that may wait for the component: a power of two. */
export const RING_BYTES = 1 << 20;

/** The process's one event counter (an Int32 at index 0): the worker adds one and wakes the
 * component's thread whenever anything of any connection changes. */
export const EVENTS_BYTES = 4;

export function connectionMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + RING_BYTES);
}

export function header(memory: SharedArrayBuffer): Int32Array {
  return new Int32Array(memory, 0, HEADER_BYTES / 4);
}

export function ring(memory: SharedArrayBuffer): Uint8Array {
  return new Uint8Array(memory, HEADER_BYTES, RING_BYTES);
}

/** Bytes in the ring. */
export function buffered(h: Int32Array): number {
  return (Atomics.load(h, Slot.Written) - Atomics.load(h, Slot.Taken)) >>> 0;
}
