// zlib port check: a 10 MiB round trip through gzopen/gzwrite/gzread on a file in the preopened
// directory argv[1], and through compress2/uncompress in memory. The host's gzip then reads the file.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define SIZE (10u * 1024u * 1024u)

// Deterministic, compressible data: words picked by a linear congruential generator.
static void fill(unsigned char *buf, size_t n) {
  static const char *words[] = {"wasi ", "sysroot ", "zlib ", "deflate ", "inflate ", "preview ", "component ", "\n"};
  unsigned int x = 12345;
  size_t i = 0;
  while (i < n) {
    x = x * 1103515245u + 12345u;
    const char *w = words[(x >> 16) % 8];
    for (size_t k = 0; w[k] && i < n; k++) buf[i++] = (unsigned char)w[k];
  }
}

static int fail(const char *what) {
  printf("FAIL: %s\n", what);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) return fail("usage: zlib-check DIR");
  unsigned char *data = malloc(SIZE), *back = malloc(SIZE);
  if (!data || !back) return fail("malloc");
  fill(data, SIZE);

  char path[512];
  snprintf(path, sizeof path, "%s/data.gz", argv[1]);
  gzFile out = gzopen(path, "wb");
  if (!out) return fail("gzopen for writing");
  for (size_t off = 0; off < SIZE; off += 65536) {
    if (gzwrite(out, data + off, 65536) != 65536) return fail("gzwrite");
  }
  if (gzclose(out) != Z_OK) return fail("gzclose after writing");

  gzFile in = gzopen(path, "rb");
  if (!in) return fail("gzopen for reading");
  size_t got = 0;
  int n;
  while ((n = gzread(in, back + got, 100000)) > 0) got += (size_t)n;
  if (n < 0) return fail("gzread");
  if (gzclose(in) != Z_OK) return fail("gzclose after reading");
  if (got != SIZE || memcmp(data, back, SIZE) != 0) return fail("gz round trip differs");
  printf("gzopen round trip: %u bytes\n", SIZE);

  uLongf packed_len = compressBound(SIZE);
  unsigned char *packed = malloc(packed_len);
  if (!packed) return fail("malloc");
  if (compress2(packed, &packed_len, data, SIZE, 6) != Z_OK) return fail("compress2");
  memset(back, 0, SIZE);
  uLongf back_len = SIZE;
  if (uncompress(back, &back_len, packed, packed_len) != Z_OK) return fail("uncompress");
  if (back_len != SIZE || memcmp(data, back, SIZE) != 0) return fail("compress2 round trip differs");
  printf("compress2 round trip: %u bytes -> %lu\n", SIZE, (unsigned long)packed_len);
  printf("adler32 %08lx crc32 %08lx\n", adler32(adler32(0, NULL, 0), data, SIZE), crc32(crc32(0, NULL, 0), data, SIZE));
  return 0;
}
