/*
 * fts: walks file hierarchies (<fts.h>). Our own implementation: every entry
 * carries its own full path and fts never changes the current directory, so
 * fts_accpath is fts_path. An entry is freed when the walk moves past it;
 * the roots and what remains are freed by fts_close.
 */
#include <dirent.h>
#include <errno.h>
#include <fts.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  FTS pub;
  FTSENT *roots;      /* the first root; roots are linked by fts_link */
  FTSENT *rootparent; /* the parent of every root, at FTS_ROOTPARENTLEVEL */
  bool done;
} walk_t;

/* One allocation: the entry with its name, then its struct stat. */
static FTSENT *new_entry(const char *name, size_t namelen, char *path, FTSENT *parent) {
  size_t head = offsetof(FTSENT, fts_name) + namelen + 1;
  head = (head + _Alignof(struct stat) - 1) & ~(_Alignof(struct stat) - 1);
  FTSENT *e = calloc(1, head + sizeof(struct stat));
  if (!e)
    return NULL;
  memcpy(e->fts_name, name, namelen);
  e->fts_name[namelen] = '\0';
  e->fts_namelen = (unsigned short)namelen;
  e->fts_path = e->fts_accpath = path;
  e->fts_pathlen = path ? (unsigned short)strlen(path) : 0;
  e->fts_parent = parent;
  e->fts_level = parent ? (short)(parent->fts_level + 1) : FTS_ROOTPARENTLEVEL;
  e->fts_statp = (struct stat *)((char *)e + head);
  e->fts_instr = FTS_NOINSTR;
  e->fts_symfd = -1;
  return e;
}

static void free_entry(FTSENT *e) {
  free(e->fts_path);
  free(e);
}

static void free_list(FTSENT *e) {
  while (e) {
    FTSENT *next = e->fts_link;
    free_entry(e);
    e = next;
  }
}

static bool is_dot(const char *name) {
  return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Sets fts_info, fts_statp and the ids; `follow`: stat the link's target. */
static void set_info(walk_t *w, FTSENT *e, bool follow, int dtype) {
  struct stat *st = e->fts_statp;
  e->fts_errno = 0;
  e->fts_cycle = NULL;
  if ((w->pub.fts_options & FTS_NOSTAT) && dtype != DT_DIR && dtype != DT_UNKNOWN &&
      (dtype != DT_LNK || !follow)) {
    memset(st, 0, sizeof *st);
    e->fts_info = FTS_NSOK;
    return;
  }
  if (follow && stat(e->fts_accpath, st) != 0) {
    int err = errno;
    if (lstat(e->fts_accpath, st) == 0) {
      e->fts_info = FTS_SLNONE;
    } else {
      memset(st, 0, sizeof *st);
      e->fts_errno = err;
      e->fts_info = FTS_NS;
      return;
    }
  } else if (!follow && lstat(e->fts_accpath, st) != 0) {
    memset(st, 0, sizeof *st);
    e->fts_errno = errno;
    e->fts_info = FTS_NS;
    return;
  } else if (S_ISLNK(st->st_mode)) {
    e->fts_info = FTS_SL;
  } else if (S_ISDIR(st->st_mode)) {
    e->fts_info = FTS_D;
    if (e->fts_level > FTS_ROOTLEVEL && is_dot(e->fts_name)) {
      e->fts_info = FTS_DOT;
    } else {
      for (FTSENT *a = e->fts_parent; a && a->fts_level >= FTS_ROOTLEVEL; a = a->fts_parent) {
        if (a->fts_dev == st->st_dev && a->fts_ino == st->st_ino) {
          e->fts_cycle = a;
          e->fts_info = FTS_DC;
          break;
        }
      }
    }
  } else if (S_ISREG(st->st_mode)) {
    e->fts_info = FTS_F;
  } else {
    e->fts_info = FTS_DEFAULT;
  }
  e->fts_dev = st->st_dev;
  e->fts_ino = st->st_ino;
  e->fts_nlink = st->st_nlink;
}

/* Sorts a list with the caller's comparison. */
static FTSENT *sort(walk_t *w, FTSENT *list, int n) {
  if (!w->pub.fts_compar || n < 2)
    return list;
  FTSENT **a = realloc(w->pub.fts_array, (size_t)n * sizeof *a);
  if (!a)
    return list; /* unsorted rather than lost */
  w->pub.fts_array = a;
  w->pub.fts_nitems = n;
  int i = 0;
  for (FTSENT *e = list; e; e = e->fts_link)
    a[i++] = e;
  qsort(a, (size_t)n, sizeof *a, (int (*)(const void *, const void *))w->pub.fts_compar);
  for (i = 0; i < n - 1; i++)
    a[i]->fts_link = a[i + 1];
  a[n - 1]->fts_link = NULL;
  return a[0];
}

/* The entries of directory `p`; NULL with *err 0 for none, or the error. */
static FTSENT *build(walk_t *w, FTSENT *p, int *err) {
  *err = 0;
  DIR *d = opendir(p->fts_accpath);
  if (!d) {
    *err = errno;
    return NULL;
  }
  bool follow = (w->pub.fts_options & FTS_LOGICAL) != 0;
  size_t plen = strlen(p->fts_path);
  bool slash = plen > 0 && p->fts_path[plen - 1] == '/';
  FTSENT *head = NULL, **tail = &head;
  int n = 0;
  struct dirent *de;
  for (errno = 0; (de = readdir(d)); errno = 0) {
    if (is_dot(de->d_name) && !(w->pub.fts_options & FTS_SEEDOT))
      continue;
    size_t nlen = strlen(de->d_name);
    char *path = malloc(plen + 1 + nlen + 1);
    FTSENT *e = path ? new_entry(de->d_name, nlen, path, p) : NULL;
    if (!e) {
      free(path);
      *err = ENOMEM;
      break;
    }
    memcpy(path, p->fts_path, plen);
    size_t at = plen;
    if (!slash)
      path[at++] = '/';
    memcpy(path + at, de->d_name, nlen + 1);
    e->fts_pathlen = (unsigned short)(at + nlen);
    set_info(w, e, follow, de->d_type);
    *tail = e;
    tail = &e->fts_link;
    n++;
  }
  if (errno && !*err)
    *err = errno;
  closedir(d);
  if (*err) {
    free_list(head);
    return NULL;
  }
  return sort(w, head, n);
}

FTS *fts_open(char *const *argv, int options, int (*compar)(const FTSENT **, const FTSENT **)) {
  if (!argv || (options & ~FTS_OPTIONMASK) || !(options & (FTS_LOGICAL | FTS_PHYSICAL))) {
    errno = EINVAL;
    return NULL;
  }
  walk_t *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->pub.fts_options = options | FTS_NOCHDIR;
  w->pub.fts_compar = compar;
  w->pub.fts_rfd = -1;
  w->rootparent = new_entry("", 0, NULL, NULL);
  if (!w->rootparent) {
    free(w);
    return NULL;
  }
  w->rootparent->fts_info = FTS_INIT;
  bool follow = (options & (FTS_LOGICAL | FTS_COMFOLLOW)) != 0;
  FTSENT **tail = &w->roots;
  int n = 0;
  for (; *argv; argv++) {
    size_t len = strlen(*argv);
    char *path = strdup(*argv);
    FTSENT *e = path ? new_entry(*argv, len, path, w->rootparent) : NULL;
    if (!e) {
      free(path);
      fts_close(&w->pub);
      return NULL;
    }
    if (len == 0) {
      e->fts_info = FTS_NS;
      e->fts_errno = ENOENT;
    } else {
      set_info(w, e, follow, DT_UNKNOWN);
    }
    *tail = e;
    tail = &e->fts_link;
    n++;
  }
  w->roots = sort(w, w->roots, n);
  return &w->pub;
}

/* Moving on from `p`: its next sibling, else its parent after its contents. */
static FTSENT *move_on(walk_t *w, FTSENT *p) {
  FTSENT *next = p->fts_link, *parent = p->fts_parent;
  if (p->fts_level > FTS_ROOTLEVEL)
    free_entry(p);
  if (next) {
    w->pub.fts_cur = next;
    if (next->fts_level == FTS_ROOTLEVEL)
      w->pub.fts_dev = next->fts_dev;
    return next;
  }
  if (parent->fts_level == FTS_ROOTPARENTLEVEL) {
    w->pub.fts_cur = NULL;
    w->done = true;
    errno = 0;
    return NULL;
  }
  w->pub.fts_cur = parent;
  parent->fts_info = FTS_DP;
  return parent;
}

FTSENT *fts_read(FTS *sp) {
  walk_t *w = (walk_t *)sp;
  if (!w || w->done)
    return NULL;
  FTSENT *p = sp->fts_cur;
  if (!p) {
    if (!w->roots) {
      w->done = true;
      return NULL;
    }
    sp->fts_cur = w->roots;
    sp->fts_dev = w->roots->fts_dev;
    return w->roots;
  }
  int instr = p->fts_instr;
  p->fts_instr = FTS_NOINSTR;
  bool logical = (sp->fts_options & FTS_LOGICAL) != 0;
  if (instr == FTS_AGAIN) {
    set_info(w, p, logical || (p->fts_flags & FTS_SYMFOLLOW), DT_UNKNOWN);
    return p;
  }
  if (instr == FTS_FOLLOW && (p->fts_info == FTS_SL || p->fts_info == FTS_SLNONE)) {
    set_info(w, p, true, DT_UNKNOWN);
    if (p->fts_info == FTS_D)
      p->fts_flags |= FTS_SYMFOLLOW;
    return p;
  }
  if (p->fts_info == FTS_D) {
    if (instr == FTS_SKIP || ((sp->fts_options & FTS_XDEV) && p->fts_dev != sp->fts_dev)) {
      free_list(sp->fts_child);
      sp->fts_child = NULL;
      p->fts_info = FTS_DP;
      return p;
    }
    FTSENT *kids = sp->fts_child;
    sp->fts_child = NULL;
    int err = 0;
    if (!kids)
      kids = build(w, p, &err);
    if (!kids) {
      p->fts_info = err ? FTS_DNR : FTS_DP;
      p->fts_errno = err;
      return p;
    }
    sp->fts_cur = kids;
    return kids;
  }
  free_list(sp->fts_child);
  sp->fts_child = NULL;
  return move_on(w, p);
}

FTSENT *fts_children(FTS *sp, int instr) {
  walk_t *w = (walk_t *)sp;
  if (instr != 0 && instr != FTS_NAMEONLY) {
    errno = EINVAL;
    return NULL;
  }
  if (w->done) {
    errno = 0;
    return NULL;
  }
  FTSENT *p = sp->fts_cur;
  if (!p) {
    errno = 0;
    return w->roots;
  }
  free_list(sp->fts_child);
  sp->fts_child = NULL;
  if (p->fts_info != FTS_D) {
    errno = 0;
    return NULL;
  }
  int err;
  sp->fts_child = build(w, p, &err);
  errno = err;
  return sp->fts_child;
}

int fts_set(FTS *sp, FTSENT *p, int instr) {
  (void)sp;
  if (instr != 0 && instr != FTS_AGAIN && instr != FTS_FOLLOW && instr != FTS_NOINSTR && instr != FTS_SKIP) {
    errno = EINVAL;
    return -1;
  }
  p->fts_instr = (unsigned short)(instr ? instr : FTS_NOINSTR);
  return 0;
}

int fts_close(FTS *sp) {
  walk_t *w = (walk_t *)sp;
  if (!w)
    return 0;
  free_list(sp->fts_child);
  /* What is left below the roots: the current entry, the siblings after it,
   * and the same for each of its ancestors. */
  for (FTSENT *p = sp->fts_cur; p && p->fts_level > FTS_ROOTLEVEL;) {
    FTSENT *parent = p->fts_parent;
    free_list(p);
    p = parent;
  }
  free_list(w->roots);
  free_entry(w->rootparent);
  free(sp->fts_array);
  free(w);
  return 0;
}
