/* Conversions between struct sockaddr and wasi:sockets addresses. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "descriptors.h"

int __wasip2_sockaddr_to_flat(const __wasip2_socket_t *s, const struct sockaddr *sa, socklen_t len,
                              wasip2_flat_addr_t *out) {
  memset(out, 0, sizeof *out);
  /* As on Linux: the length is checked against the socket's own family
   * first, then the family. */
  socklen_t need = s->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (!sa || len < need) {
    errno = EINVAL;
    return -1;
  }
  if (sa->sa_family != s->family) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    const uint8_t *b = (const uint8_t *)&in->sin_addr.s_addr;
    out->v[0] = WASIP2_IPV4;
    out->v[1] = ntohs(in->sin_port);
    for (int i = 0; i < 4; i++)
      out->v[2 + i] = b[i];
    return 0;
  }
  const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
  const uint8_t *b = in6->sin6_addr.s6_addr;
  out->v[0] = WASIP2_IPV6;
  out->v[1] = ntohs(in6->sin6_port);
  out->v[2] = (int32_t)in6->sin6_flowinfo;
  for (int i = 0; i < 8; i++)
    out->v[3 + i] = (b[2 * i] << 8) | b[2 * i + 1];
  out->v[11] = (int32_t)in6->sin6_scope_id;
  return 0;
}

void __wasip2_flat_wildcard(int family, wasip2_flat_addr_t *out) {
  memset(out, 0, sizeof *out);
  out->v[0] = family == AF_INET6 ? WASIP2_IPV6 : WASIP2_IPV4;
}

socklen_t __wasip2_sockaddr_from_wasi(const wasip2_ip_socket_address_t *a,
                                      struct sockaddr_storage *out) {
  memset(out, 0, sizeof *out);
  if (a->tag == WASIP2_IPV4) {
    struct sockaddr_in *in = (struct sockaddr_in *)out;
    in->sin_family = AF_INET;
    in->sin_port = htons(a->u.v4.port);
    memcpy(&in->sin_addr.s_addr, a->u.v4.addr, 4);
    return sizeof *in;
  }
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(a->u.v6.port);
  in6->sin6_flowinfo = a->u.v6.flow_info;
  for (int i = 0; i < 8; i++) {
    in6->sin6_addr.s6_addr[2 * i] = (uint8_t)(a->u.v6.addr[i] >> 8);
    in6->sin6_addr.s6_addr[2 * i + 1] = (uint8_t)a->u.v6.addr[i];
  }
  in6->sin6_scope_id = a->u.v6.scope_id;
  return sizeof *in6;
}

void __wasip2_copy_sockaddr(const struct sockaddr_storage *ss, socklen_t len, struct sockaddr *out,
                            socklen_t *outlen) {
  if (!out || !outlen)
    return;
  memcpy(out, ss, *outlen < len ? *outlen : len);
  *outlen = len;
}
