// libmicrohttpd port check: an HTTP server on 127.0.0.1:argv[1], driven by the program's own
// loop (wasm32-wasip2 has no threads: pthread_create fails, so the daemon must not start any). A Node client sends 200 concurrent requests for /hello and
// fetches the 1 MiB /big; /quit stops the server.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

static int quit;
static unsigned long served;
static char *big;
#define BIG_LEN (1024 * 1024)

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
                              const char *upload, size_t *upload_size, void **state) {
  (void)cls; (void)method; (void)version; (void)upload; (void)upload_size; (void)state;
  struct MHD_Response *r;
  if (strcmp(url, "/hello") == 0) {
    r = MHD_create_response_from_buffer(strlen("hello from libmicrohttpd\n"), (void *)"hello from libmicrohttpd\n", MHD_RESPMEM_PERSISTENT);
  } else if (strcmp(url, "/big") == 0) {
    r = MHD_create_response_from_buffer(BIG_LEN, big, MHD_RESPMEM_PERSISTENT);
  } else if (strcmp(url, "/quit") == 0) {
    quit = 1;
    r = MHD_create_response_from_buffer(4, (void *)"bye\n", MHD_RESPMEM_PERSISTENT);
  } else {
    r = MHD_create_response_from_buffer(10, (void *)"not found\n", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_NOT_FOUND, r);
    MHD_destroy_response(r);
    return ok;
  }
  served++;
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return ok;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    printf("usage: mhd-check PORT\n");
    return 2;
  }
  big = malloc(BIG_LEN);
  unsigned int x = 1;
  for (size_t i = 0; i < BIG_LEN; i++) {
    x = x * 1103515245u + 12345u;
    big[i] = (char)(97 + (x >> 16) % 26);
  }
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  addr.sin_addr.s_addr = htonl(0x7f000001);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_ERROR_LOG, (unsigned short)atoi(argv[1]), NULL, NULL, answer, NULL,
                                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, 500u,
                                          MHD_OPTION_END);
  if (!d) {
    printf("FAIL: MHD_start_daemon\n");
    return 1;
  }
  printf("listening on 127.0.0.1:%s\n", argv[1]);
  fflush(stdout);
  while (!quit) MHD_run_wait(d, 1000);
  MHD_stop_daemon(d);
  printf("served %lu requests\n", served);
  return 0;
}
