// The source stage: fetches, verifies and caches the pinned wasi-libc base source tree.
//
//   const { dir } = await fetchSource();   // <cache>/source/<key>, with Makefile, libc-top-half/, ...
//
// Providers (tried in order; WASI_LIBC_PROVIDERS overrides): local (WASI_LIBC_SOURCE, a directory or
// tarball), apt (the Debian source package, via deb-src entries derived from the machine's apt
// sources), url (WASI_LIBC_SOURCE_URL or the manifest's upstream archive). Every tree is checked
// against the manifest's git object ids before it is cached.
export { fetchSource, cacheKey, parseProviders, type FetchSourceOptions, type ProgressEvent, type SourceTree } from './fetch.ts';
export { gitObjectId, blobId, treeId, hashPath, type GitNode, type GitMode } from './git-object.ts';
export { verifyTree, makeListing, PINNED_LISTING_PATH, type VerifyOptions } from './verify.ts';
export { extractArchive, detectArchiveFormat, type ArchiveFormat } from './archive.ts';
export { deriveDebSrc, type AptConfigPaths } from './apt.ts';
export {
  SourceError,
  SourceIntegrityError,
  UnsafeArchiveError,
  ArchiveFormatError,
  UnknownProviderError,
  MissingToolError,
  AptError,
  DownloadError,
  LocalSourceError,
  SourceFetchError,
  PROVIDER_NAMES,
  type ProviderName,
  type ProviderFailure,
} from './errors.ts';
