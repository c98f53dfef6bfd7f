// Error classes of the source stage. Every message names the problem and the fix.

export type ProviderName = 'apt' | 'url' | 'local';
export const PROVIDER_NAMES: readonly ProviderName[] = ['local', 'apt', 'url'];

/** What the messages need to know about the source being fetched. */
export interface SourceLabel {
  name?: string;
  envPrefix?: string;
}

/** How a user picks another way to get this source; appended to provider failures. */
export function providerHint(label: SourceLabel = {}): string {
  const p = label.envPrefix ?? 'WASI_LIBC';
  const name = label.name ?? 'wasi-libc';
  return (
    `To use another source, set ${p}_PROVIDERS (a comma list of local, apt, url; e.g. ${p}_PROVIDERS=url), ` +
    `${p}_SOURCE (a ${name} source directory or a .tar/.tar.gz/.tar.xz of it) or ${p}_SOURCE_URL (another archive URL).`
  );
}

/** The libc base's hint (the default source). */
export const PROVIDER_HINT = providerHint();

/** Base class of every error this library throws on purpose. */
export class SourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
  }
}

export class UnknownProviderError extends SourceError {
  constructor(
    readonly provider: string,
    envPrefix = 'WASI_LIBC',
  ) {
    super(
      `unknown source provider "${provider}". Known providers: ${PROVIDER_NAMES.join(', ')}. ` +
        `Fix the provider list (${envPrefix}_PROVIDERS or --provider), for example ${envPrefix}_PROVIDERS=apt,url.`,
    );
    this.name = 'UnknownProviderError';
  }
}

export interface IntegrityDetail {
  /** Path relative to the tree root, '/'-separated: the first path that differs. */
  path: string;
  /** What is wrong with it, e.g. "content differs from the pinned upstream (expected blob X, got Y)". */
  problem: string;
  /** The tree root that was checked. */
  dir: string;
  expected?: string;
  actual?: string;
}

/**
 * The tree does not match the pinned git object ids. `path` names the first path that
 * differs (a file whose content or mode differs, or that is missing or extra).
 */
export class SourceIntegrityError extends SourceError {
  readonly path: string;
  readonly problem: string;
  readonly dir: string;
  readonly expected?: string;
  readonly actual?: string;
  constructor(detail: IntegrityDetail, fix?: string) {
    super(
      `${detail.path}: ${detail.problem}. ` +
        (fix ??
          `Delete ${detail.dir} and fetch the source again; if it came from WASI_LIBC_SOURCE, check that it holds the ` +
            `unmodified pinned wasi-libc commit; otherwise the source is corrupt or has been tampered with.`),
    );
    this.name = 'SourceIntegrityError';
    this.path = detail.path;
    this.problem = detail.problem;
    this.dir = detail.dir;
    if (detail.expected !== undefined) this.expected = detail.expected;
    if (detail.actual !== undefined) this.actual = detail.actual;
  }
}

/** An archive entry that could escape the extraction directory or is not a plain file/directory. */
export class UnsafeArchiveError extends SourceError {
  constructor(
    readonly entry: string,
    reason: string,
    readonly archive?: string,
  ) {
    super(
      `refusing tarball entry ${entry}: ${reason}` +
        (archive ? ` (in ${archive})` : '') +
        `. Nothing was extracted or cached; the archive is not a plain source tarball — check where it came from.`,
    );
    this.name = 'UnsafeArchiveError';
  }
}

/** The archive is not a tar/tar.gz/tar.xz, is damaged, or does not have a single top-level folder. */
export class ArchiveFormatError extends SourceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveFormatError';
  }
}

/** An external program (apt-get, xz) is missing. */
export class MissingToolError extends SourceError {
  constructor(
    readonly tool: string,
    fix: string,
  ) {
    super(`${tool} was not found on PATH. ${fix}`);
    this.name = 'MissingToolError';
  }
}

/** apt-get failed (no deb entries, network, unknown version, checksum). */
export class AptError extends SourceError {
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(`${message} ${options?.hint ?? PROVIDER_HINT}`, options);
    this.name = 'AptError';
  }
}

/** The download failed: HTTP error status or network error after all retries. */
export class DownloadError extends SourceError {
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(`${message} ${options?.hint ?? PROVIDER_HINT}`, options);
    this.name = 'DownloadError';
  }
}

/** WASI_LIBC_SOURCE / localPath is missing or unusable. */
export class LocalSourceError extends SourceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalSourceError';
  }
}

export interface ProviderFailure {
  provider: ProviderName;
  error: Error;
}

/**
 * Every provider failed. `failures` keeps each provider's error; integrity failures are listed
 * first in the message because they mean that a source was reachable but wrong.
 */
export class SourceFetchError extends SourceError {
  readonly failures: readonly ProviderFailure[];
  constructor(failures: readonly ProviderFailure[], label: SourceLabel = {}) {
    const name = label.name ?? 'wasi-libc';
    const ordered = [
      ...failures.filter((f) => f.error instanceof SourceIntegrityError),
      ...failures.filter((f) => !(f.error instanceof SourceIntegrityError)),
    ];
    const integrity = ordered.length > 0 && ordered[0]!.error instanceof SourceIntegrityError;
    const lines = ordered.map((f) => `  - ${f.provider}: ${f.error.message}`);
    super(
      (integrity
        ? `could not get the ${name} source: a source was found but FAILED VERIFICATION against the pinned git object ids ` +
          `(${ordered[0]!.provider}: ${(ordered[0]!.error as SourceIntegrityError).path}), and no other provider succeeded.\n`
        : `could not get the ${name} source: every provider failed.\n`) +
        lines.join('\n') +
        `\n${providerHint(label)}`,
    );
    this.name = 'SourceFetchError';
    this.failures = ordered;
  }
}
