// xz port check: liblzma's multithreaded encoder and decoder, each a pool of 4 worker threads,
// round-trip 4 MiB of words in 8 blocks. The input goes to DIR/data.bin and liblzma's .xz to
// DIR/lib.xz, for the xz tool and the host's xz to compare against.
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_LEN (4u << 20)
#define BLOCK_LEN (512u << 10)
#define THREADS 4u

static void fill(unsigned char *p, size_t len) {
  static const char *const words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"};
  unsigned int x = 1;
  size_t n = 0;
  while (n < len) {
    x = x * 1103515245u + 12345u;
    const char *w = words[(x >> 16) % 12];
    for (; *w && n < len; w++) p[n++] = (unsigned char)*w;
    if (n < len) p[n++] = ((x >> 8) & 7) == 0 ? '\n' : ' ';
  }
}

/** Runs strm over in[0..in_len) into out (cap bytes); returns the output length or exits. */
static size_t run(lzma_stream *strm, const unsigned char *in, size_t in_len, unsigned char *out, size_t cap, const char *what) {
  strm->next_in = in;
  strm->avail_in = in_len;
  strm->next_out = out;
  strm->avail_out = cap;
  for (;;) {
    lzma_ret r = lzma_code(strm, LZMA_FINISH);
    if (r == LZMA_STREAM_END) break;
    if (r != LZMA_OK) {
      printf("%s: lzma_code failed: %d\n", what, (int)r);
      exit(1);
    }
    if (strm->avail_out == 0) {
      printf("%s: output larger than %zu bytes\n", what, cap);
      exit(1);
    }
  }
  size_t len = cap - strm->avail_out;
  lzma_end(strm);
  return len;
}

static void save(const char *dir, const char *name, const unsigned char *p, size_t len) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
    perror(path);
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    printf("usage: xz-check DIR\n");
    return 2;
  }
  unsigned char *data = malloc(DATA_LEN);
  unsigned char *packed = malloc(DATA_LEN);
  unsigned char *back = malloc(DATA_LEN);
  if (!data || !packed || !back) {
    printf("out of memory\n");
    return 1;
  }
  fill(data, DATA_LEN);
  save(argv[1], "data.bin", data, DATA_LEN);
  printf("liblzma %s, input %u bytes, crc64 %016llx\n", lzma_version_string(), DATA_LEN, (unsigned long long)lzma_crc64(data, DATA_LEN, 0));

  lzma_mt mt = {0};
  mt.threads = THREADS;
  mt.block_size = BLOCK_LEN;
  mt.preset = 1;
  mt.check = LZMA_CHECK_CRC64;
  lzma_stream enc = LZMA_STREAM_INIT;
  lzma_ret r = lzma_stream_encoder_mt(&enc, &mt);
  if (r != LZMA_OK) {
    printf("lzma_stream_encoder_mt: %d\n", (int)r);
    return 1;
  }
  size_t packed_len = run(&enc, data, DATA_LEN, packed, DATA_LEN, "encode");
  save(argv[1], "lib.xz", packed, packed_len);

  // The index at the end of the stream lists the blocks the workers made.
  lzma_stream_flags footer, header;
  if (lzma_stream_footer_decode(&footer, packed + packed_len - LZMA_STREAM_HEADER_SIZE) != LZMA_OK ||
      lzma_stream_header_decode(&header, packed) != LZMA_OK) {
    printf("bad stream header or footer\n");
    return 1;
  }
  lzma_index *index = NULL;
  uint64_t memlimit = UINT64_MAX;
  size_t pos = 0;
  const unsigned char *index_at = packed + packed_len - LZMA_STREAM_HEADER_SIZE - footer.backward_size;
  if (lzma_index_buffer_decode(&index, &memlimit, NULL, index_at, &pos, footer.backward_size) != LZMA_OK) {
    printf("bad index\n");
    return 1;
  }
  printf("encoder, %u threads: %zu bytes in %llu blocks\n", THREADS, packed_len, (unsigned long long)lzma_index_block_count(index));
  lzma_index_end(index, NULL);

  lzma_mt dmt = {0};
  dmt.threads = THREADS;
  dmt.memlimit_threading = UINT64_MAX;
  dmt.memlimit_stop = UINT64_MAX;
  lzma_stream dec = LZMA_STREAM_INIT;
  r = lzma_stream_decoder_mt(&dec, &dmt);
  if (r != LZMA_OK) {
    printf("lzma_stream_decoder_mt: %d\n", (int)r);
    return 1;
  }
  size_t back_len = run(&dec, packed, packed_len, back, DATA_LEN, "decode");
  printf("decoder, %u threads: %zu bytes, %s\n", THREADS, back_len, back_len == DATA_LEN && memcmp(back, data, DATA_LEN) == 0 ? "identical" : "DIFFERENT");
  return 0;
}
