// The source stage: fetches, verifies and caches a pinned Debian source package: by default the
// wasi-libc base, or any other manifest (the LLVM runtimes, a port).
//
//   const { dir } = await fetchSource();   // <cache>/source/<key>, with Makefile, libc-top-half/, ...
//   const llvm = await fetchSource({ manifest: loadLlvmManifest() });
//
// Providers (tried in order; <P>_PROVIDERS overrides, <P> = manifest.envPrefix, default WASI_LIBC): local (<P>_SOURCE, a directory or
// tarball), apt (the Debian source package, via deb-src entries derived from the machine's apt
// sources), url (<P>_SOURCE_URL or the manifest's upstream archive). Every tree is checked
// against the manifest's git object ids before it is cached.
export { fetchSource, cacheKey, parseProviders, type FetchSourceOptions, type ProgressEvent, type SourceTree } from './fetch.ts';
export { gitObjectId, blobId, treeId, hashPath, type GitNode, type GitMode } from './git-object.ts';
export { verifyTree, makeListing, PINNED_LISTING_PATH, type VerifyOptions } from './verify.ts';
export { extractArchive, detectArchiveFormat, type ArchiveFormat, type ExtractOptions } from './archive.ts';
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
  PROVIDER_HINT,
  providerHint,
  type SourceLabel,
  type ProviderName,
  type ProviderFailure,
} from './errors.ts';
