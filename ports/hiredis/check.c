// hiredis port check against a real redis-server at argv[1]:argv[2]: SET/GET/INCR, a pipeline of
// 1,000 commands, and a 1 MiB value. redis-cli on the host then reads what it left.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hiredis.h>

static redisContext *c;

static redisReply *command(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  redisReply *r = redisvCommand(c, fmt, ap);
  va_end(ap);
  if (!r) {
    printf("FAIL: %s: %s\n", fmt, c->errstr);
    exit(1);
  }
  return r;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    printf("usage: hiredis-check HOST PORT\n");
    return 2;
  }
  c = redisConnect(argv[1], atoi(argv[2]));
  if (!c || c->err) {
    printf("FAIL: connect: %s\n", c ? c->errstr : "no context");
    return 1;
  }
  redisReply *r = command("PING");
  printf("PING: %s\n", r->str);
  freeReplyObject(r);
  r = command("SET %s %s", "greeting", "hello from wasm");
  printf("SET: %s\n", r->str);
  freeReplyObject(r);
  r = command("GET %s", "greeting");
  printf("GET: %s\n", r->str);
  freeReplyObject(r);
  r = command("DEL counter");
  freeReplyObject(r);
  for (int i = 0; i < 5; i++) freeReplyObject(command("INCR counter"));
  r = command("INCRBY counter %d", 37);
  printf("INCR: %lld\n", r->integer);
  freeReplyObject(r);

  // 1,000 commands sent before any reply is read.
  for (int i = 0; i < 1000; i++) redisAppendCommand(c, "RPUSH list %d", i);
  long long last = 0;
  int ok = 0;
  for (int i = 0; i < 1000; i++) {
    if (redisGetReply(c, (void **)&r) != REDIS_OK) {
      printf("FAIL: pipeline reply %d: %s\n", i, c->errstr);
      return 1;
    }
    if (r->type == REDIS_REPLY_INTEGER && r->integer == i + 1) ok++;
    last = r->integer;
    freeReplyObject(r);
  }
  printf("pipeline: %d replies in order, list length %lld\n", ok, last);
  r = command("LRANGE list 997 -1");
  printf("LRANGE:");
  for (size_t i = 0; i < r->elements; i++) printf(" %s", r->element[i]->str);
  printf("\n");
  freeReplyObject(r);

  size_t big_len = 1024 * 1024;
  char *big = malloc(big_len);
  for (size_t i = 0; i < big_len; i++) big[i] = (char)('a' + (i * 7 + i / 1024) % 26);
  r = command("SET big %b", big, big_len);
  printf("SET big: %s\n", r->str);
  freeReplyObject(r);
  r = command("GET big");
  printf("GET big: %zu bytes, %s\n", (size_t)r->len, r->len == big_len && memcmp(r->str, big, big_len) == 0 ? "identical" : "DIFFERENT");
  freeReplyObject(r);
  r = command("STRLEN big");
  printf("STRLEN big: %lld\n", r->integer);
  freeReplyObject(r);
  redisFree(c);
  return 0;
}
