// curl port check: libcurl fetches from Node HTTP servers on loopback (argv[1]: the port on
// 127.0.0.1, argv[2]: the port on [::1]): GET, a 1 MiB body checked byte by byte, a chunked body,
// a POST, a slow response, and the names localhost and [::1].
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

struct buffer {
  char *data;
  size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *user) {
  struct buffer *b = user;
  b->data = realloc(b->data, b->len + size * n + 1);
  memcpy(b->data + b->len, p, size * n);
  b->len += size * n;
  b->data[b->len] = 0;
  return size * n;
}

/** Fetches url (POSTing post when not NULL); prints the status and returns the body. */
static struct buffer fetch(const char *label, const char *url, const char *post) {
  struct buffer b = {malloc(1), 0};
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  if (post) curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK) {
    printf("%s: FAIL %s\n", label, curl_easy_strerror(rc));
    exit(1);
  }
  printf("%s: %ld, %zu bytes", label, status, b.len);
  curl_easy_cleanup(h);
  return b;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    printf("usage: curl-check PORT PORT6\n");
    return 2;
  }
  char url[256];
  curl_global_init(CURL_GLOBAL_DEFAULT);

  snprintf(url, sizeof url, "http://127.0.0.1:%s/hello", argv[1]);
  struct buffer b = fetch("GET /hello", url, NULL);
  printf(": %s", b.data);

  snprintf(url, sizeof url, "http://127.0.0.1:%s/big", argv[1]);
  b = fetch("GET /big", url, NULL);
  unsigned int x = 1;
  size_t same = 0;
  for (size_t i = 0; i < b.len; i++) {
    x = x * 1103515245u + 12345u;
    if ((unsigned char)b.data[i] == 97 + (x >> 16) % 26) same++;
  }
  printf(", %zu as expected\n", same);

  snprintf(url, sizeof url, "http://127.0.0.1:%s/chunked", argv[1]);
  b = fetch("GET /chunked", url, NULL);
  printf(":\n%s", b.data);

  snprintf(url, sizeof url, "http://127.0.0.1:%s/echo", argv[1]);
  b = fetch("POST /echo", url, "name=wasm&triple=any");
  printf(": %s\n", b.data);

  snprintf(url, sizeof url, "http://127.0.0.1:%s/slow", argv[1]);
  b = fetch("GET /slow", url, NULL);
  printf(": %s", b.data);

  snprintf(url, sizeof url, "http://localhost:%s/hello", argv[1]);
  b = fetch("GET localhost", url, NULL);
  printf(": %s", b.data);

  snprintf(url, sizeof url, "http://[::1]:%s/hello", argv[2]);
  b = fetch("GET [::1]", url, NULL);
  printf(": %s", b.data);
  curl_global_cleanup();
  return 0;
}
