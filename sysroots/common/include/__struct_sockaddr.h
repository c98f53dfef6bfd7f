/* Our version of the base's header: the same layout, but aligned without max_align_t, which
 * C99 lacks (so <sys/socket.h> and <netinet/in.h> failed under -std=c99). */
#ifndef __wasilibc___struct_sockaddr_h
#define __wasilibc___struct_sockaddr_h

#include <stddef.h>

#include <__typedef_sa_family_t.h>

struct sockaddr {
    __attribute__((__aligned__(__BIGGEST_ALIGNMENT__))) sa_family_t sa_family;
    char sa_data[0];
};

#endif
