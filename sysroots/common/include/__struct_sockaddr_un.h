/* Our version of the base's header: Linux's layout (sun_path of 108 bytes, which programs
 * fill in even where they only compile), aligned without max_align_t, which C99 lacks. WASI
 * has no UNIX-domain sockets: socket(AF_UNIX, ...) fails with EAFNOSUPPORT. */
#ifndef __wasilibc___struct_sockaddr_un_h
#define __wasilibc___struct_sockaddr_un_h

#include <stddef.h>

#include <__typedef_sa_family_t.h>

struct sockaddr_un {
    __attribute__((__aligned__(__BIGGEST_ALIGNMENT__))) sa_family_t sun_family;
    char sun_path[108];
};

#endif
