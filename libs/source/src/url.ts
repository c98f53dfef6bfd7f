// The 'url' provider's download: undici with a connect timeout, redirects and retries.
import { closeSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, errors, interceptors, request } from 'undici';
import { DownloadError } from './errors.ts';

export interface DownloadOptions {
  connectTimeoutMs: number;
  /** Extra attempts after the first one, on network errors and 5xx answers. */
  retries: number;
  onProgress?: (bytes: number, total: number | undefined) => void;
  onRetry?: (message: string) => void;
  /** Appended to failures: how to pick another provider. */
  hint?: string;
  /** First backoff delay; doubles on each retry (default 250 ms). */
  backoffMs?: number;
}

/** Network errors worth retrying: resets, closed sockets, refused connections, body timeouts. */
function isTransient(e: unknown): boolean {
  if (e instanceof errors.ConnectTimeoutError) return false; // an unreachable host: retrying only multiplies the wait
  if (e instanceof errors.UndiciError) {
    return ['UND_ERR_SOCKET', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_CLOSED'].includes(
      e.code,
    );
  }
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code);
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err instanceof errors.ConnectTimeoutError) return `could not connect (no answer within the connect timeout)`;
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
}

/**
 * Writes a response body to `dest` and returns its length. The body is consumed in flowing mode
 * with synchronous writes, so it never applies backpressure: undici 7's HTTP/1 parser, when paused
 * by backpressure, crashes the process with an uncatchable AssertionError if the server then closes
 * the connection (undici issue 5360, fixed only in undici 8).
 */
function saveBody(body: Readable, dest: string, onBytes: (bytes: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let fd: number;
    try {
      fd = openSync(dest, 'w', 0o644);
    } catch (e) {
      body.destroy();
      reject(e);
      return;
    }
    let bytes = 0;
    let failed = false;
    const finish = (e?: unknown) => {
      if (failed) return;
      try {
        closeSync(fd);
      } catch {}
      if (e !== undefined) {
        failed = true;
        reject(e);
      } else resolve(bytes);
    };
    onBytes(0);
    body.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        writeSync(fd, chunk);
      } catch (e) {
        finish(e);
        body.destroy();
        return;
      }
      bytes += chunk.length;
      onBytes(bytes);
    });
    body.once('end', () => finish());
    body.once('error', (e) => finish(e));
  });
}

/** Downloads `url` to `dest`, following up to 5 redirects, retrying transient failures with backoff. */
export async function download(url: string, dest: string, opts: DownloadOptions): Promise<{ bytes: number }> {
  const hintOpt = opts.hint !== undefined ? { hint: opts.hint } : {};
  const agent = new Agent({ connect: { timeout: opts.connectTimeoutMs } });
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 5 }));
  const attempts = Math.max(0, opts.retries) + 1;
  let backoff = opts.backoffMs ?? 250;
  let lastError: unknown;
  let lastStatus: number | undefined;
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryable = false;
      try {
        const res = await request(url, { method: 'GET', dispatcher, headersTimeout: 60_000, bodyTimeout: 60_000 });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const header = res.headers['content-length'];
          const total = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
          const bytes = await saveBody(res.body, dest, (n) => opts.onProgress?.(n, total));
          if (total !== undefined && bytes !== total) {
            throw new errors.ResponseContentLengthMismatchError();
          }
          return { bytes };
        }
        await res.body.dump();
        lastStatus = res.statusCode;
        lastError = undefined;
        retryable = res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408;
        if (!retryable) {
          const why =
            res.statusCode >= 300 && res.statusCode < 400
              ? 'too many redirects, or a redirect without a Location'
              : res.statusCode === 404
                ? 'the archive is not there'
                : 'the server refused the request';
          throw new DownloadError(url, res.statusCode, `GET ${url} failed with HTTP ${res.statusCode} (${why}).`, hintOpt);
        }
      } catch (e) {
        if (e instanceof DownloadError) throw e;
        await rm(dest, { force: true });
        lastError = e;
        lastStatus = undefined;
        retryable = isTransient(e);
        if (!retryable) break;
      }
      if (attempt < attempts) {
        opts.onRetry?.(
          `GET ${url}: ${lastStatus !== undefined ? `HTTP ${lastStatus}` : describe(lastError)}; retrying in ${backoff} ms (attempt ${attempt + 1} of ${attempts})`,
        );
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  } finally {
    await agent.destroy().catch(() => {});
  }
  if (lastStatus !== undefined) {
    throw new DownloadError(url, lastStatus, `GET ${url} failed with HTTP ${lastStatus} after ${attempts} attempt(s).`, hintOpt);
  }
  throw new DownloadError(url, undefined, `GET ${url} failed: ${describe(lastError)}.`, { cause: lastError, ...hintOpt });
}
