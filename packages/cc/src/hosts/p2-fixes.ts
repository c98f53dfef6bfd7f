// Our fixes to preview2-shim 0.26.1, applied to the import object a component is instantiated
// with (and, where the shim's classes are shared, to their prototypes, once per process). Each
// one is a bug of the shim that a program sees; packages/cc/test/p2-host.test.ts shows each.
import { isatty } from 'node:tty';
import { callExtension, inputStreamId, outputStreamId } from '@bytecodealliance/preview2-shim/io-worker';
import type { InputStream, OutputStream } from '@bytecodealliance/preview2-shim/interfaces/wasi-io-streams';
import type { Pollable } from '@bytecodealliance/preview2-shim/interfaces/wasi-io-poll';
import { siblingModule } from '../files.js';
import type { IoWorkerOperations, ShutdownType } from './p2-io-worker.js';
import { localClasses, localClock, localPoll, localTcpStreams } from './p2-tcp.js';
import { fixWallClockLowerings } from './p2-lowered.js';

/** wasi:clocks/wall-clock datetime. */
interface Datetime {
  seconds: bigint;
  nanoseconds: number;
}

/** wasi:filesystem/types new-timestamp. */
type NewTimestamp = { tag: 'no-change' } | { tag: 'now' } | { tag: 'timestamp'; val: Datetime };

interface DescriptorStat {
  dataAccessTimestamp?: Datetime | undefined;
  dataModificationTimestamp?: Datetime | undefined;
}

interface Descriptor {
  stat(): DescriptorStat;
  statAt(pathFlags: unknown, path: string): DescriptorStat;
  setTimes(atime: NewTimestamp, mtime: NewTimestamp): void;
  setTimesAt(pathFlags: unknown, path: string, atime: NewTimestamp, mtime: NewTimestamp): void;
}

interface TcpSocket {
  finishConnect(): [InputStream, OutputStream];
  accept(): [TcpSocket, InputStream, OutputStream];
  shutdown(how: ShutdownType): void;
}

type Prototype<T> = T & { [FIXED]?: true };

/** The parts of the shim's import object that the fixes touch. */
interface ShimImports {
  'wasi:filesystem/types': { Descriptor: { prototype: Prototype<Descriptor> } };
  'wasi:io/poll': { Pollable: new () => Pollable; poll(list: Pollable[]): Uint32Array };
  'wasi:io/streams': { InputStream: new () => InputStream; OutputStream: new () => OutputStream };
  'wasi:clocks/monotonic-clock': { subscribeInstant(instant: bigint): Pollable; subscribeDuration(duration: bigint): Pollable };
  'wasi:clocks/wall-clock': Parameters<typeof fixWallClockLowerings>[0];
  'wasi:sockets/tcp': { TcpSocket: { prototype: Prototype<TcpSocket> } };
  'wasi:cli/terminal-stdin': { getTerminalStdin(): unknown };
  'wasi:cli/terminal-stdout': { getTerminalStdout(): unknown };
  'wasi:cli/terminal-stderr': { getTerminalStderr(): unknown };
}

const FIXED = Symbol.for('wasi-cc.p2-fixes');

/** The import object with our fixes, and our TCP streams (p2-tcp.ts). */
export function fixedImports<T extends object>(imports: T): T {
  const shim = imports as T & ShimImports;
  const classes = { ...shim['wasi:io/poll'], ...shim['wasi:io/streams'] };
  fixSetTimes(shim['wasi:filesystem/types'].Descriptor.prototype);
  fixWallClockLowerings(shim['wasi:clocks/wall-clock']);
  fixTcpStreams(shim['wasi:sockets/tcp'].TcpSocket.prototype, (streams) => localTcpStreams(classes, streams));
  const clock = shim['wasi:clocks/monotonic-clock'];
  // Our resource classes are listed beside the shim's (the bindings take only the names they
  // know), so that the host-call count (call-count.ts) sees their methods as it sees the shim's.
  const { LocalPollable, TcpInputStream, TcpOutputStream } = localClasses(classes);
  // The shim hands out a terminal for stdin, stdout and stderr whatever they are, so isatty()
  // is 1 for a pipe or a file. A stream that is no terminal has none.
  const { getTerminalStdin } = shim['wasi:cli/terminal-stdin'];
  const { getTerminalStdout } = shim['wasi:cli/terminal-stdout'];
  const { getTerminalStderr } = shim['wasi:cli/terminal-stderr'];
  return {
    ...shim,
    'wasi:io/poll': { ...shim['wasi:io/poll'], LocalPollable, poll: localPoll({ ...clock, poll: shim['wasi:io/poll'].poll }) },
    'wasi:io/streams': { ...shim['wasi:io/streams'], TcpInputStream, TcpOutputStream },
    'wasi:clocks/monotonic-clock': { ...clock, ...localClock(classes) },
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => (isatty(0) ? getTerminalStdin() : undefined) },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => (isatty(1) ? getTerminalStdout() : undefined) },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => (isatty(2) ? getTerminalStderr() : undefined) },
  };
}

const NS_PER_S = 1_000_000_000n;

function wallClockNow(): Datetime {
  const ns = BigInt(Date.now()) * 1_000_000n;
  return { seconds: ns / NS_PER_S, nanoseconds: Number(ns % NS_PER_S) };
}

/** `time` as an explicit time: "now" is the wall clock, "no-change" what `current` says. */
function explicitTime(time: NewTimestamp, current: () => Datetime | undefined): Datetime | undefined {
  if (time.tag === 'timestamp') return time.val;
  if (time.tag === 'now') return wallClockNow();
  return current();
}

/** A time a thousand times smaller, to the nanosecond. */
function thousandth({ seconds, nanoseconds }: Datetime): Datetime {
  return { seconds: seconds / 1000n, nanoseconds: Number(seconds % 1000n) * 1_000_000 + nanoseconds / 1000 };
}

/**
 * set-times and set-times-at. The shim turns a time into milliseconds and hands that to
 * futimes, which takes seconds (an explicit 1e9 s became 15032385535); its "now" is in seconds,
 * which set-times-at divides by 1000 again (January 1970); and set-times-at takes "no-change"
 * from the directory's times, not the file's. We hand the shim only explicit times, in the unit
 * each of its paths expects.
 */
function fixSetTimes(proto: Prototype<Descriptor>): void {
  if (proto[FIXED]) return;
  proto[FIXED] = true;
  const { setTimes, setTimesAt } = proto;
  proto.setTimes = function (this: Descriptor, atime, mtime) {
    let stat: DescriptorStat | undefined;
    const a = explicitTime(atime, () => (stat ??= this.stat()).dataAccessTimestamp);
    const m = explicitTime(mtime, () => (stat ??= this.stat()).dataModificationTimestamp);
    setTimes.call(this, timestamp(a && thousandth(a)), timestamp(m && thousandth(m)));
  };
  proto.setTimesAt = function (this: Descriptor, pathFlags, path, atime, mtime) {
    let stat: DescriptorStat | undefined;
    const a = explicitTime(atime, () => (stat ??= this.statAt(pathFlags, path)).dataAccessTimestamp);
    const m = explicitTime(mtime, () => (stat ??= this.statAt(pathFlags, path)).dataModificationTimestamp);
    setTimesAt.call(this, pathFlags, path, timestamp(a), timestamp(m));
  };
}

function timestamp(val: Datetime | undefined): NewTimestamp {
  return val ? { tag: 'timestamp', val } : { tag: 'no-change' };
}

const IO_WORKER = siblingModule('p2-io-worker', import.meta.url);

/**
 * A connection's streams, which the component gets as `ours` makes them (p2-tcp.ts), and
 * tcp-socket.shutdown. The shim destroys the whole connection, whatever the direction: after
 * shutdown(SHUT_WR) nothing more could be read. Ours shuts down only the direction asked for, in
 * the shim's IO worker, which holds the connection's Node socket (p2-io-worker.ts). The shim
 * itself refuses a socket that is not connected; so do we, through it.
 */
function fixTcpStreams(proto: Prototype<TcpSocket>, ours: (streams: [InputStream, OutputStream]) => [InputStream, OutputStream]): void {
  if (proto[FIXED]) return;
  proto[FIXED] = true;
  const streamsOf = new WeakMap<TcpSocket, [InputStream, OutputStream]>();
  const { finishConnect, accept, shutdown } = proto;
  proto.finishConnect = function (this: TcpSocket) {
    const streams = finishConnect.call(this);
    streamsOf.set(this, streams);
    return ours(streams);
  };
  proto.accept = function (this: TcpSocket) {
    const [socket, input, output] = accept.call(this);
    streamsOf.set(socket, [input, output]);
    return [socket, ...ours([input, output])];
  };
  proto.shutdown = function (this: TcpSocket, how) {
    const streams = streamsOf.get(this);
    if (!streams) return shutdown.call(this, how);
    const args: IoWorkerOperations['tcp-shutdown'] = [inputStreamId(streams[0]), outputStreamId(streams[1]), how];
    callExtension(IO_WORKER, 'tcp-shutdown', args);
  };
}
