// Shared by the C tests: CHECK(cond) reports a failed condition with its line and carries on;
// each test then prints its own summary and exits non-zero if `failures` is.
// Define CHECK_SHOWS_ERRNO before including this to add errno to each report.
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <errno.h>
#include <stdio.h>

static int failures;

#ifdef CHECK_SHOWS_ERRNO
#define CHECK_REPORT(text) printf("FAIL line %d: %s (errno %d)\n", __LINE__, text, errno)
#else
#define CHECK_REPORT(text) printf("FAIL line %d: %s\n", __LINE__, text)
#endif

#define CHECK(cond)          \
  do {                       \
    if (!(cond)) {           \
      CHECK_REPORT(#cond);   \
      failures++;            \
    }                        \
  } while (0)

#endif
