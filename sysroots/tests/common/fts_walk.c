// preopen: /tree
// fts (<fts.h>) walks a preopened tree: pre-order and post-order directories, files, symbolic
// links (physical and logical walks), FTS_SKIP, fts_children, FTS_SEEDOT and a missing root.
// common/fts.c.
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *info(int i) {
  switch (i) {
    case FTS_D: return "D";
    case FTS_DC: return "DC";
    case FTS_DEFAULT: return "DEFAULT";
    case FTS_DNR: return "DNR";
    case FTS_DOT: return "DOT";
    case FTS_DP: return "DP";
    case FTS_ERR: return "ERR";
    case FTS_F: return "F";
    case FTS_NS: return "NS";
    case FTS_NSOK: return "NSOK";
    case FTS_SL: return "SL";
    case FTS_SLNONE: return "SLNONE";
    default: return "?";
  }
}

static int by_name(const FTSENT **a, const FTSENT **b) { return strcmp((*a)->fts_name, (*b)->fts_name); }

static void walk(const char *title, char *const *roots, int options, const char *skip) {
  printf("-- %s\n", title);
  FTS *fts = fts_open(roots, options, by_name);
  if (!fts) {
    perror("fts_open");
    return;
  }
  FTSENT *e;
  while ((e = fts_read(fts))) {
    printf("%d %-7s %s", e->fts_level, info(e->fts_info), e->fts_path);
    if (e->fts_info == FTS_F)
      printf(" (%lld bytes)", (long long)e->fts_statp->st_size);
    if (e->fts_info == FTS_NS || e->fts_info == FTS_DNR)
      printf(" errno %s", e->fts_errno == ENOENT ? "ENOENT" : "other");
    if (strcmp(e->fts_path, e->fts_accpath) || e->fts_namelen != strlen(e->fts_name))
      printf(" BAD NAMES");
    printf("\n");
    if (skip && e->fts_info == FTS_D && !strcmp(e->fts_name, skip))
      fts_set(fts, e, FTS_SKIP);
  }
  printf("end: errno %d\n", errno);
  fts_close(fts);
}

static void file(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

int main(void) {
  mkdir("/tree/a", 0755);
  mkdir("/tree/a/deep", 0755);
  mkdir("/tree/b", 0755);
  mkdir("/tree/empty", 0755);
  file("/tree/a/one.txt", "1");
  file("/tree/a/deep/two.txt", "22");
  file("/tree/b/three.txt", "333");
  file("/tree/top.txt", "4444");
  symlink("b", "/tree/link-to-b");
  symlink("nowhere", "/tree/dangling");

  char *tree[] = {"/tree", NULL};
  walk("physical", tree, FTS_PHYSICAL, NULL);
  walk("logical", tree, FTS_LOGICAL, NULL);
  walk("physical, a skipped", tree, FTS_PHYSICAL, "a");
  char *two[] = {"/tree/top.txt", "/tree/missing", "/tree/b", NULL};
  walk("three roots, sorted", two, FTS_PHYSICAL, NULL);
  char *empty[] = {"/tree/empty", NULL};
  walk("seedot", empty, FTS_PHYSICAL | FTS_SEEDOT, NULL);

  // fts_children: the roots before the first fts_read, then a directory's entries.
  FTS *fts = fts_open(tree, FTS_PHYSICAL, by_name);
  FTSENT *c = fts_children(fts, 0);
  printf("-- children before reading: %s%s\n", c ? c->fts_path : "none", c && c->fts_link ? " and more" : "");
  FTSENT *root = fts_read(fts);
  printf("root: %s\n", root->fts_path);
  printf("children of the root:");
  for (c = fts_children(fts, 0); c; c = c->fts_link)
    printf(" %s(%s)", c->fts_name, info(c->fts_info));
  printf("\n");
  FTSENT *next = fts_read(fts);
  printf("next read: %d %s\n", next->fts_level, next->fts_path);
  fts_close(fts);

  errno = 0;
  printf("fts_open with neither FTS_PHYSICAL nor FTS_LOGICAL: %s\n", fts_open(tree, 0, NULL) ? "FTS" : errno == EINVAL ? "EINVAL" : "other");
  return 0;
}
