// Progress of a build's objects, for the build scripts: one rewritten line on a terminal, a line
// per 10% in CI logs (and whenever stderr is not a terminal).

/** A `(done, total)` callback that prints `label done/total (pct%)` to stderr. */
export function progressPrinter(label: string, ci = Boolean(process.env.CI) || !process.stderr.isTTY): (done: number, total: number) => void {
  let lastDecile = -1;
  return (done, total) => {
    const pct = Math.floor((done * 100) / Math.max(total, 1));
    if (!ci) {
      process.stderr.write(`\r${label} ${done}/${total} (${pct}%)`);
      if (done === total) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) !== lastDecile || done === total) {
      lastDecile = Math.floor(pct / 10);
      process.stderr.write(`${label} ${done}/${total} (${pct}%)\n`);
    }
  };
}
