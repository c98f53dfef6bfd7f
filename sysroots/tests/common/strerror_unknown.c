// strerror for error numbers that do not exist must not claim success: POSIX says the
// message "shall indicate that an unknown error occurred" (only errnum 0 may say that no
// error occurred).
#include <stdio.h>
#include <string.h>

int main(void) {
  static const int unknown[] = {-1, 4096, 100000};
  const char *none = strerror(0);
  char zero[64];
  snprintf(zero, sizeof zero, "%s", none);
  int failures = 0;
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    const char *msg = strerror(unknown[i]);
    int ok = msg != NULL && *msg != '\0' && strcmp(msg, zero) != 0 && strcmp(msg, "Success") != 0;
    printf("strerror(%d) differs from strerror(0): %s\n", unknown[i], ok ? "yes" : "no");
    if (!ok) failures++;
  }
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
