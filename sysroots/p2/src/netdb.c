/*
 * getaddrinfo and friends for wasm32-wasip2. Numeric hosts are parsed here;
 * names go to wasi:sockets/ip-name-lookup. There is no services database:
 * ports are numeric, apart from a few well-known names.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descriptors.h"

int h_errno;

static const struct {
  const char *name;
  unsigned short port;
} services[] = {
    {"echo", 7},    {"discard", 9}, {"daytime", 13}, {"ftp", 21},   {"ssh", 22},
    {"telnet", 23}, {"smtp", 25},   {"domain", 53},  {"http", 80},  {"pop3", 110},
    {"ntp", 123},   {"imap", 143},  {"https", 443},  {"imaps", 993},
};

/* Port number of `service`: 0 on success, else an EAI_* code. */
static int parse_service(const char *service, int flags, int *port) {
  *port = 0;
  if (!service || !*service)
    return 0;
  char *end;
  unsigned long v = strtoul(service, &end, 10);
  if (*end == '\0' && service[0] >= '0' && service[0] <= '9') {
    if (v > 65535)
      return EAI_SERVICE;
    *port = (int)v;
    return 0;
  }
  if (flags & AI_NUMERICSERV)
    return EAI_NONAME;
  for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
    if (strcmp(services[i].name, service) == 0) {
      *port = services[i].port;
      return 0;
    }
  }
  return EAI_SERVICE;
}

typedef struct {
  int family;
  uint8_t bytes[16];
} address_t;

/* Addresses collected for one getaddrinfo call. */
typedef struct {
  address_t *items;
  size_t n, cap;
} addresses_t;

static int push(addresses_t *a, int family, const void *bytes) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 4;
    address_t *items = realloc(a->items, cap * sizeof *items);
    if (!items)
      return EAI_MEMORY;
    a->items = items;
    a->cap = cap;
  }
  a->items[a->n].family = family;
  memcpy(a->items[a->n].bytes, bytes, family == AF_INET ? 4 : 16);
  a->n++;
  return 0;
}

static int resolve(const char *name, int family, addresses_t *out) {
  wasip2_result_u32_t r;
  __wasip2_resolve_addresses(__wasip2_network(), name, strlen(name), &r);
  if (r.is_err) {
    switch (r.u.err) {
    case WASIP2_ERR_INVALID_ARGUMENT:
    case WASIP2_ERR_NAME_UNRESOLVABLE: return EAI_NONAME;
    case WASIP2_ERR_TEMPORARY_RESOLVER_FAILURE: return EAI_AGAIN;
    case WASIP2_ERR_OUT_OF_MEMORY: return EAI_MEMORY;
    default: return EAI_FAIL;
    }
  }
  int32_t stream = (int32_t)r.u.ok;
  int32_t pollable = 0;
  int error = 0;
  for (;;) {
    wasip2_result_next_address_t next;
    __wasip2_resolve_next_address(stream, &next);
    if (next.is_err) {
      if (next.u.err == WASIP2_ERR_WOULD_BLOCK) {
        if (!pollable)
          pollable = __wasip2_resolve_address_stream_subscribe(stream);
        __wasip2_pollable_block(pollable);
        continue;
      }
      switch (next.u.err) {
      case WASIP2_ERR_NAME_UNRESOLVABLE:
      case WASIP2_ERR_INVALID_ARGUMENT: error = EAI_NONAME; break;
      case WASIP2_ERR_TEMPORARY_RESOLVER_FAILURE: error = EAI_AGAIN; break;
      case WASIP2_ERR_OUT_OF_MEMORY: error = EAI_MEMORY; break;
      default: error = EAI_FAIL; break;
      }
      break;
    }
    if (!next.u.ok.is_some)
      break;
    const wasip2_ip_address_t *a = &next.u.ok.addr;
    uint8_t bytes[16];
    int fam;
    if (a->tag == WASIP2_IPV4) {
      fam = AF_INET;
      memcpy(bytes, a->u.v4, 4);
    } else {
      fam = AF_INET6;
      for (int i = 0; i < 8; i++) {
        bytes[2 * i] = (uint8_t)(a->u.v6[i] >> 8);
        bytes[2 * i + 1] = (uint8_t)a->u.v6[i];
      }
    }
    if (family != AF_UNSPEC && fam != family)
      continue;
    bool dup = false;
    for (size_t i = 0; i < out->n && !dup; i++)
      dup = out->items[i].family == fam && memcmp(out->items[i].bytes, bytes, fam == AF_INET ? 4 : 16) == 0;
    if (!dup && (error = push(out, fam, bytes)) != 0)
      break;
  }
  if (pollable)
    __wasip2_pollable_drop(pollable);
  __wasip2_resolve_address_stream_drop(stream);
  if (!error && out->n == 0)
    error = EAI_NONAME;
  return error;
}

/* One addrinfo and its address, freed together. */
struct entry {
  struct addrinfo ai;
  union {
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
  } sa;
};

int getaddrinfo(const char *restrict host, const char *restrict service,
                const struct addrinfo *restrict hints, struct addrinfo **restrict res) {
  int flags = hints ? hints->ai_flags : 0;
  int family = hints ? hints->ai_family : AF_UNSPEC;
  int socktype = hints ? hints->ai_socktype : 0;
  int protocol = hints ? hints->ai_protocol : 0;
  *res = NULL;

  if (flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |
                AI_ADDRCONFIG | AI_NUMERICSERV))
    return EAI_BADFLAGS;
  if (!host && !service)
    return EAI_NONAME;
  if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
    return EAI_FAMILY;
  if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM)
    return EAI_SOCKTYPE;
  if (protocol != 0 && protocol != IPPROTO_TCP && protocol != IPPROTO_UDP)
    return EAI_SOCKTYPE;
  if ((socktype == SOCK_STREAM && protocol == IPPROTO_UDP) ||
      (socktype == SOCK_DGRAM && protocol == IPPROTO_TCP))
    return EAI_SOCKTYPE;

  int port;
  int error = parse_service(service, flags, &port);
  if (error)
    return error;

  addresses_t addrs = {0};
  uint8_t bytes[16];
  if (!host) {
    /* The wildcard address for servers, loopback otherwise; IPv6 first. */
    static const uint8_t any6[16] = {0}, loop6[16] = {[15] = 1};
    const uint8_t any4[4] = {0, 0, 0, 0}, loop4[4] = {127, 0, 0, 1};
    bool passive = (flags & AI_PASSIVE) != 0;
    if (family != AF_INET)
      error = push(&addrs, AF_INET6, passive ? any6 : loop6);
    if (!error && family != AF_INET6)
      error = push(&addrs, AF_INET, passive ? any4 : loop4);
  } else if (family != AF_INET6 && inet_pton(AF_INET, host, bytes) == 1) {
    error = push(&addrs, AF_INET, bytes);
  } else if (family != AF_INET && inet_pton(AF_INET6, host, bytes) == 1) {
    error = push(&addrs, AF_INET6, bytes);
  } else if (inet_pton(AF_INET, host, bytes) == 1 || inet_pton(AF_INET6, host, bytes) == 1) {
    error = EAI_NONAME; /* numeric, but of the other family */
  } else if (flags & AI_NUMERICHOST) {
    error = EAI_NONAME;
  } else {
    error = resolve(host, family, &addrs);
  }
  if (error) {
    free(addrs.items);
    return error;
  }

  /* One entry per address and socket type. */
  static const int types[2][2] = {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}};
  struct addrinfo *head = NULL, **tail = &head;
  for (size_t i = 0; i < addrs.n; i++) {
    for (int t = 0; t < 2; t++) {
      if (socktype && socktype != types[t][0])
        continue;
      if (protocol && protocol != types[t][1])
        continue;
      struct entry *e = calloc(1, sizeof *e);
      if (!e) {
        freeaddrinfo(head);
        free(addrs.items);
        return EAI_MEMORY;
      }
      e->ai.ai_family = addrs.items[i].family;
      e->ai.ai_socktype = types[t][0];
      e->ai.ai_protocol = types[t][1];
      e->ai.ai_addr = (struct sockaddr *)&e->sa;
      if (addrs.items[i].family == AF_INET) {
        e->sa.in.sin_family = AF_INET;
        e->sa.in.sin_port = htons((uint16_t)port);
        memcpy(&e->sa.in.sin_addr, addrs.items[i].bytes, 4);
        e->ai.ai_addrlen = sizeof e->sa.in;
      } else {
        e->sa.in6.sin6_family = AF_INET6;
        e->sa.in6.sin6_port = htons((uint16_t)port);
        memcpy(&e->sa.in6.sin6_addr, addrs.items[i].bytes, 16);
        e->ai.ai_addrlen = sizeof e->sa.in6;
      }
      if (!head && (flags & AI_CANONNAME) && host) {
        e->ai.ai_canonname = strdup(host);
        if (!e->ai.ai_canonname) {
          free(e);
          free(addrs.items);
          return EAI_MEMORY;
        }
      }
      *tail = &e->ai;
      tail = &e->ai.ai_next;
    }
  }
  free(addrs.items);
  *res = head;
  return 0;
}

void freeaddrinfo(struct addrinfo *ai) {
  while (ai) {
    struct addrinfo *next = ai->ai_next;
    free(ai->ai_canonname);
    free(ai); /* the entry starts with its addrinfo */
    ai = next;
  }
}

const char *gai_strerror(int code) {
  switch (code) {
  case 0: return "Success";
  case EAI_BADFLAGS: return "Invalid flags";
  case EAI_NONAME: return "Name does not resolve";
  case EAI_AGAIN: return "Temporary failure in name resolution";
  case EAI_FAIL: return "Non-recoverable failure in name resolution";
  case EAI_NODATA: return "No address for this name";
  case EAI_FAMILY: return "Unrecognized address family or invalid length";
  case EAI_SOCKTYPE: return "Unrecognized socket type";
  case EAI_SERVICE: return "Unrecognized service";
  case EAI_MEMORY: return "Out of memory";
  case EAI_SYSTEM: return "System error";
  case EAI_OVERFLOW: return "Overflow";
  default: return "Unknown error";
  }
}

int getnameinfo(const struct sockaddr *restrict sa, socklen_t salen, char *restrict host,
                socklen_t hostlen, char *restrict serv, socklen_t servlen, int flags) {
  const void *addr;
  int family;
  unsigned port;
  if (!sa)
    return EAI_FAMILY;
  if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    family = AF_INET;
    addr = &in->sin_addr;
    port = ntohs(in->sin_port);
  } else if (sa->sa_family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    family = AF_INET6;
    addr = &in6->sin6_addr;
    port = ntohs(in6->sin6_port);
  } else {
    return EAI_FAMILY;
  }
  if (host && hostlen) {
    /* No reverse lookup: the numeric form is the only name there is. */
    if (flags & NI_NAMEREQD)
      return EAI_NONAME;
    if (!inet_ntop(family, addr, host, hostlen))
      return EAI_OVERFLOW;
  }
  if (serv && servlen) {
    int n = snprintf(serv, servlen, "%u", port);
    if (n < 0 || (socklen_t)n >= servlen)
      return EAI_OVERFLOW;
  }
  return 0;
}

struct hostent *gethostbyname(const char *name) {
  static struct hostent he;
  static char *aliases[1];
  static struct in_addr addr_storage[16];
  static char *addr_list[17];
  static char *canon;

  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
  struct addrinfo *res;
  int error = getaddrinfo(name, NULL, &hints, &res);
  if (error) {
    h_errno = error == EAI_AGAIN ? TRY_AGAIN : error == EAI_NONAME ? HOST_NOT_FOUND : NO_RECOVERY;
    return NULL;
  }
  free(canon);
  canon = strdup(name);
  size_t n = 0;
  for (struct addrinfo *ai = res; ai && n < 16; ai = ai->ai_next)
    addr_storage[n++] = ((struct sockaddr_in *)ai->ai_addr)->sin_addr;
  freeaddrinfo(res);
  for (size_t i = 0; i < n; i++)
    addr_list[i] = (char *)&addr_storage[i];
  addr_list[n] = NULL;
  aliases[0] = NULL;
  he.h_name = canon;
  he.h_aliases = aliases;
  he.h_addrtype = AF_INET;
  he.h_length = 4;
  he.h_addr_list = addr_list;
  return &he;
}

const char *hstrerror(int code) {
  switch (code) {
  case HOST_NOT_FOUND: return "Unknown host";
  case TRY_AGAIN: return "Host name lookup failure";
  case NO_RECOVERY: return "Unknown server error";
  case NO_DATA: return "No address associated with name";
  default: return "Unknown error";
  }
}

void herror(const char *prefix) {
  if (prefix && *prefix)
    fprintf(stderr, "%s: %s\n", prefix, hstrerror(h_errno));
  else
    fprintf(stderr, "%s\n", hstrerror(h_errno));
}
