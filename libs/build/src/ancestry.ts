// A build must not outlive the command that started it. `npx nx build` is a chain of processes
// (npm exec → sh → nx → sh → tsx → node → make → clang); a signal to the top one kills only the
// first links, and the rest, re-parented, would build on and install a sysroot nobody asked for.
// So the build watches its ancestors: when one of them is re-parented (its parent died), it stops.
// The chain is watched up to a terminal's session leader (the login shell), whose own exit does
// not count: `nohup npx nx build &` survives its shell. (nx starts tasks in sessions of their own,
// without a terminal: those are watched through.)
import { readFileSync } from 'node:fs';

interface ProcStat {
  ppid: number;
  session: number;
  /** The controlling terminal (0: none). */
  tty: number;
  started: string;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state ppid pgrp session tty_nr ... starttime is the 20th of them.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), session: Number(f[3]), tty: Number(f[4]), started: f[19]! };
  } catch {
    return undefined;
  }
}

interface Watched {
  pid: number;
  ppid: number;
  started: string;
}

/** Our ancestors whose re-parenting means that the command above us is gone. */
function watchedAncestors(): Watched[] {
  const chain: Watched[] = [];
  let pid = process.ppid;
  for (let depth = 0; pid > 1 && depth < 32; depth++) {
    const st = procStat(pid);
    if (!st || st.ppid <= 1) break;
    const parent = procStat(st.ppid);
    // The first process below a terminal's login shell may lose its parent (nohup, a closed terminal).
    if (!parent || (parent.session === st.ppid && parent.tty !== 0)) break;
    chain.push({ pid, ppid: st.ppid, started: st.started });
    pid = st.ppid;
  }
  return chain;
}

/**
 * Calls `onGone` once, with the pid of the first ancestor that died or was re-parented, and
 * stops watching. Returns a function that stops watching. Without /proc it watches process.ppid.
 */
export function watchAncestors(onGone: (pid: number) => void, intervalMs = 500): () => void {
  const haveProc = procStat(process.pid) !== undefined;
  const chain = haveProc ? watchedAncestors() : [];
  const ppid = process.ppid;
  const timer = setInterval(() => {
    let gone: number | undefined;
    if (!haveProc) {
      if (process.ppid !== ppid) gone = ppid;
    } else {
      for (const a of chain) {
        const now = procStat(a.pid);
        if (!now || now.started !== a.started || now.ppid !== a.ppid) {
          gone = a.pid;
          break;
        }
      }
    }
    if (gone !== undefined) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
