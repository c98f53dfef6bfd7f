// A full disk is a user's problem with a plain fix, not a damaged archive or a crash: every stage
// turns ENOSPC (and EDQUOT, a full quota) into one line naming the directory that is full.

export class NoSpaceError extends Error {
  constructor(
    readonly dir: string,
    fix: string,
    options?: { cause?: unknown },
  ) {
    super(`no space left on ${dir}. ${fix}`, options);
    this.name = 'NoSpaceError';
  }
}

/** Whether `err` (or an error it wraps as `cause`) is a full disk or quota. */
export function isNoSpace(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (e instanceof Error && /\bENOSPC\b|no space left on device/i.test(e.message)) return true;
  }
  return false;
}

/** A NoSpaceError for `dir` if `err` is a full disk, else undefined. */
export function noSpaceError(err: unknown, dir: string, fix = 'Free some space there and run again.'): NoSpaceError | undefined {
  if (err instanceof NoSpaceError) return err;
  return isNoSpace(err) ? new NoSpaceError(dir, fix, { cause: err }) : undefined;
}
