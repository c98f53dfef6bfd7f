/*
 * Arguments, environment and exit over wasi:cli. The host's lists are
 * fetched once and laid out the way Preview 1's *_get calls hand them over:
 * NUL-terminated strings ("NAME=value" for the environment) in one buffer.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "host.h"
#include "lists.h"
#include "wasip2.h"

typedef struct {
  bool ready;
  size_t count;
  size_t bytes;
  char *buf; /* count strings, each NUL-terminated */
} strings_t;

static strings_t arguments, environment;

static void load_arguments(void) {
  if (arguments.ready)
    return;
  __wasip2_lists_anchor();
  __wasi_sysroots_component_type_anchor();
  wasip2_string_list_t list;
  __wasip2_get_arguments(&list);
  size_t bytes = 0;
  for (size_t i = 0; i < list.len; i++)
    bytes += list.ptr[i].len + 1;
  char *buf = malloc(bytes ? bytes : 1);
  if (!buf)
    abort();
  char *p = buf;
  for (size_t i = 0; i < list.len; i++) {
    memcpy(p, list.ptr[i].ptr, list.ptr[i].len);
    p += list.ptr[i].len;
    *p++ = '\0';
    /* An empty string may come without an allocation (see below). */
    if (list.ptr[i].len)
      free(list.ptr[i].ptr);
  }
  free(list.ptr);
  arguments = (strings_t){true, list.len, bytes, buf};
}

static void load_environment(void) {
  if (environment.ready)
    return;
  __wasip2_lists_anchor();
  __wasi_sysroots_component_type_anchor();
  wasip2_env_list_t list;
  __wasip2_get_environment(&list);
  size_t bytes = 0;
  for (size_t i = 0; i < list.len; i++)
    bytes += list.ptr[i].name.len + 1 + list.ptr[i].value.len + 1;
  char *buf = malloc(bytes ? bytes : 1);
  if (!buf)
    abort();
  char *p = buf;
  for (size_t i = 0; i < list.len; i++) {
    wasip2_env_var_t *v = &list.ptr[i];
    memcpy(p, v->name.ptr, v->name.len);
    p += v->name.len;
    *p++ = '=';
    memcpy(p, v->value.ptr, v->value.len);
    p += v->value.len;
    *p++ = '\0';
    /* Hosts may pass an empty string without allocating it. */
    if (v->name.len)
      free(v->name.ptr);
    if (v->value.len)
      free(v->value.ptr);
  }
  free(list.ptr);
  environment = (strings_t){true, list.len, bytes, buf};
}

static e_t sizes(strings_t *s, __wasi_size_t *count, __wasi_size_t *bytes) {
  *count = (__wasi_size_t)s->count;
  *bytes = (__wasi_size_t)s->bytes;
  return 0;
}

static e_t get(strings_t *s, uint8_t **ptrs, uint8_t *buf) {
  memcpy(buf, s->buf, s->bytes);
  for (size_t i = 0, at = 0; i < s->count; i++) {
    ptrs[i] = buf + at;
    at += strlen(s->buf + at) + 1;
  }
  return 0;
}

e_t __wasi_args_sizes_get(__wasi_size_t *argc, __wasi_size_t *bytes) {
  load_arguments();
  return sizes(&arguments, argc, bytes);
}

e_t __wasi_args_get(uint8_t **argv, uint8_t *buf) {
  load_arguments();
  return get(&arguments, argv, buf);
}

e_t __wasi_environ_sizes_get(__wasi_size_t *count, __wasi_size_t *bytes) {
  load_environment();
  return sizes(&environment, count, bytes);
}

e_t __wasi_environ_get(uint8_t **environ, uint8_t *buf) {
  load_environment();
  return get(&environment, environ, buf);
}
