// preopen: /sandbox
// <stdio.h> streams on files: fopen modes, fprintf/fputs/fputc/fwrite, fgets/fgetc/
// ungetc/fread/fscanf, fseek/ftell/rewind, feof/ferror, append and update modes, and
// remove/rename through stdio.
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static long file_size(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fclose(f);
  return n;
}

int main(void) {
  const char *path = "/sandbox/notes.txt";
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f) return 1;
  int n1 = fprintf(f, "line %d: %s\n", 1, "alpha");
  int n2 = fputs("line 2: beta\n", f);
  fputc('l', f);
  size_t n3 = fwrite("ine 3: gamma\n", 1, 13, f);
  fprintf(f, "numbers: %d %x %.2f\n", 42, 255, 3.14159);
  long pos = ftell(f);
  printf("fprintf %d, fputs %s, fwrite %zu, ftell before close %ld\n", n1, n2 >= 0 ? "ok" : "failed",
         n3, pos);
  CHECK(n1 == 14 && n2 >= 0 && n3 == 13 && pos == 61);
  CHECK(fclose(f) == 0);
  printf("file size: %ld\n", file_size(path));
  CHECK(file_size(path) == 61);

  f = fopen(path, "r");
  CHECK(f != NULL);
  if (!f) return 1;
  char line[64];
  int lines = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    printf("fgets %d: [%s]\n", ++lines, line);
  }
  printf("lines %d, feof %d, ferror %d\n", lines, feof(f) != 0, ferror(f) != 0);
  CHECK(lines == 4 && feof(f) && !ferror(f));

  rewind(f);
  CHECK(!feof(f) && ftell(f) == 0);
  int ch;
  CHECK(fseek(f, 8, SEEK_SET) == 0);
  long at = ftell(f);
  ch = fgetc(f);
  printf("fseek(8, SEEK_SET): ftell %ld, fgetc '%c'\n", at, ch);
  CHECK(at == 8 && ch == 'a');
  CHECK(fseek(f, 5, SEEK_CUR) == 0);
  CHECK(fgets(line, sizeof line, f) && strcmp(line, "line 2: beta\n") == 0);
  CHECK(fseek(f, -20, SEEK_END) == 0);
  int a = 0, b = 0;
  float c = 0;
  int got = fscanf(f, "numbers: %d %x %f", &a, &b, &c);
  printf("fseek(-20, SEEK_END) then fscanf: %d items: %d %d %.2f\n", got, a, b, c);
  CHECK(got == 3 && a == 42 && b == 255 && c > 3.13f && c < 3.15f);

  // ungetc pushes back a character that the next read returns
  CHECK(fseek(f, 0, SEEK_SET) == 0);
  ch = fgetc(f);
  CHECK(ungetc('X', f) == 'X');
  char head[6] = {0};
  size_t r = fread(head, 1, 5, f);
  printf("fgetc '%c', ungetc 'X', fread %zu [%s]\n", ch, r, head);
  CHECK(ch == 'l' && r == 5 && strcmp(head, "Xine ") == 0);
  CHECK(fclose(f) == 0);

  // "a" appends, "r+" updates in place, "w+" truncates and can read back
  f = fopen(path, "a");
  CHECK(f != NULL);
  fputs("appended\n", f);
  CHECK(fclose(f) == 0);
  f = fopen(path, "r+");
  CHECK(f != NULL);
  fputs("LINE", f);
  CHECK(fseek(f, -9, SEEK_END) == 0);
  CHECK(fgets(line, sizeof line, f) && strcmp(line, "appended\n") == 0);
  CHECK(fseek(f, 0, SEEK_SET) == 0);
  CHECK(fgets(line, sizeof line, f) != NULL);
  printf("after \"a\" and \"r+\": size %ld, first line [%.*s]\n", file_size(path),
         (int)strcspn(line, "\n"), line);
  CHECK(strcmp(line, "LINE 1: alpha\n") == 0 && file_size(path) == 70);
  CHECK(fclose(f) == 0);

  f = fopen(path, "w+");
  CHECK(f != NULL);
  CHECK(fputs("fresh", f) >= 0);
  CHECK(fflush(f) == 0);
  rewind(f);
  char back[16] = {0};
  r = fread(back, 1, sizeof back - 1, f);
  printf("\"w+\": read back %zu [%s], eof %d\n", r, back, feof(f) != 0);
  CHECK(r == 5 && strcmp(back, "fresh") == 0 && feof(f));
  CHECK(fclose(f) == 0);

  // binary round trip with fwrite/fread of structured data
  {
    struct rec { int id; double value; char tag[4]; } out[3] = {{1, 0.5, "ab"}, {2, -2.25, "cd"}, {3, 1e10, "ef"}}, in[3];
    f = fopen("/sandbox/records.bin", "wb");
    CHECK(f && fwrite(out, sizeof out[0], 3, f) == 3);
    if (f) fclose(f);
    f = fopen("/sandbox/records.bin", "rb");
    memset(in, 0, sizeof in);
    CHECK(f && fread(in, sizeof in[0], 4, f) == 3);  // asks for 4, gets 3
    if (f) fclose(f);
    printf("records: %d %g %s | %d %g %s | %d %g %s\n", in[0].id, in[0].value, in[0].tag,
           in[1].id, in[1].value, in[1].tag, in[2].id, in[2].value, in[2].tag);
    CHECK(memcmp(in, out, sizeof out) == 0);
  }

  // a missing file cannot be opened for reading; rename and remove work through stdio
  errno = 0;
  FILE *missing = fopen("/sandbox/does-not-exist", "r");
  printf("fopen missing: %s, errno %s\n", missing ? "opened?" : "NULL",
         errno == ENOENT ? "ENOENT" : "other");
  CHECK(!missing && errno == ENOENT);
  CHECK(rename(path, "/sandbox/renamed.txt") == 0);
  printf("after rename: old size %ld, new size %ld\n", file_size(path),
         file_size("/sandbox/renamed.txt"));
  CHECK(file_size(path) == -1 && file_size("/sandbox/renamed.txt") == 5);
  CHECK(remove("/sandbox/renamed.txt") == 0 && remove("/sandbox/records.bin") == 0);
  CHECK(file_size("/sandbox/renamed.txt") == -1);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
