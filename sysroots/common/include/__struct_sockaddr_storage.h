/* Our version of the base's header: aligned without max_align_t, which C99 lacks (so
 * <sys/socket.h> and <netinet/in.h> failed under -std=c99), and 128 bytes as on Linux, so that
 * it holds every address, a struct sockaddr_un included (the base's held 48 bytes). */
#ifndef __wasilibc___struct_sockaddr_storage_h
#define __wasilibc___struct_sockaddr_storage_h

#include <stddef.h>

#include <__typedef_sa_family_t.h>

struct sockaddr_storage {
    __attribute__((__aligned__(__BIGGEST_ALIGNMENT__))) sa_family_t ss_family;
    char __ss_data[126];
};

#endif
