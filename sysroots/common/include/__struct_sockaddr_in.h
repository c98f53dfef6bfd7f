/* Our version of the base's header: the same layout, but aligned without max_align_t, which
 * C99 lacks (so <sys/socket.h> and <netinet/in.h> failed under -std=c99). */
#ifndef __wasilibc___struct_sockaddr_in_h
#define __wasilibc___struct_sockaddr_in_h

#include <stddef.h>

#include <__typedef_sa_family_t.h>
#include <__typedef_in_port_t.h>
#include <__struct_in_addr.h>

struct sockaddr_in {
    __attribute__((__aligned__(__BIGGEST_ALIGNMENT__))) sa_family_t sin_family;
    in_port_t sin_port;
    struct in_addr sin_addr;
};

#endif
