// Shared by the C tests: the name of an errno value, so that expected output reads like Linux's.
#ifndef TESTS_ERRNAME_H
#define TESTS_ERRNAME_H

#include <errno.h>
#include <string.h>

__attribute__((__unused__)) static const char *errname(int e) {
  switch (e) {
    case 0: return "0";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ESPIPE: return "ESPIPE";
    case ENODEV: return "ENODEV";
    case EFBIG: return "EFBIG";
    case EILSEQ: return "EILSEQ";
    case EEXIST: return "EEXIST";
    case ENOBUFS: return "ENOBUFS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTSUP: return "ENOTSUP";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTEMPTY: return "ENOTEMPTY";
    default: return strerror(e);
  }
}

#endif
