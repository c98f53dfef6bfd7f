// Runs inside preview2-shim's IO worker (loaded through its callExtension), where the Node
// sockets behind wasi:sockets live: our half of the fixes in p2-fixes.ts that need them.
import type { Socket } from 'node:net';
import type { WorkerExtension, WorkerExtensionContext } from '@bytecodealliance/preview2-shim/io-worker';

/** wasi:sockets/tcp shutdown-type. */
export type ShutdownType = 'receive' | 'send' | 'both';

/** The operations this extension serves, with their arguments. */
export interface IoWorkerOperations {
  /** A TCP connection's streams (by their ids) shut down in one or both directions. */
  'tcp-shutdown': [inputStream: number, outputStream: number, how: ShutdownType];
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
  return (operation, args) => {
    if (operation !== 'tcp-shutdown') throw new Error(`wasi-cc: unknown IO worker operation ${operation}`);
    const [input, output, how] = args as IoWorkerOperations['tcp-shutdown'];
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
}
