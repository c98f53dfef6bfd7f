/*
 * <fts.h> (wasi-sysroots): walking file hierarchies, with the interface of the BSDs and glibc.
 * Our own implementation (sysroots/common/fts.c). It never changes the current directory:
 * fts_accpath is always the same as fts_path, and FTS_NOCHDIR is implied.
 */
#ifndef _FTS_H
#define _FTS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct stat;
struct _ftsent;

typedef struct {
	struct _ftsent *fts_cur;     /* the entry fts_read returned last */
	struct _ftsent *fts_child;   /* what fts_children built for fts_cur */
	struct _ftsent **fts_array;  /* scratch space for sorting */
	dev_t fts_dev;               /* the device of the root being walked (FTS_XDEV) */
	char *fts_path;              /* unused: every entry has a path of its own */
	int fts_rfd;                 /* unused: fts never changes directory */
	int fts_pathlen;
	int fts_nitems;
	int (*fts_compar)(const struct _ftsent **, const struct _ftsent **);
	int fts_options;
} FTS;

typedef struct _ftsent {
	struct _ftsent *fts_cycle;   /* FTS_DC: the ancestor this directory repeats */
	struct _ftsent *fts_parent;
	struct _ftsent *fts_link;    /* the next sibling */
	long fts_number;             /* for the caller */
	void *fts_pointer;           /* for the caller */
	char *fts_accpath;           /* the path to access the file by (= fts_path) */
	char *fts_path;              /* the path from the root given to fts_open */
	int fts_errno;
	int fts_symfd;
	unsigned short fts_pathlen;
	unsigned short fts_namelen;
	ino_t fts_ino;
	dev_t fts_dev;
	nlink_t fts_nlink;
	short fts_level;
	unsigned short fts_info;
	unsigned short fts_flags;
	unsigned short fts_instr;
	struct stat *fts_statp;
	char fts_name[1];
} FTSENT;

/* fts_open options */
#define FTS_COMFOLLOW  0x0001  /* follow symbolic links given as roots */
#define FTS_LOGICAL    0x0002  /* follow every symbolic link */
#define FTS_NOCHDIR    0x0004  /* (always so here) */
#define FTS_NOSTAT     0x0008  /* no stat for what readdir already tells */
#define FTS_PHYSICAL   0x0010  /* do not follow symbolic links */
#define FTS_SEEDOT     0x0020  /* return "." and ".." too */
#define FTS_XDEV       0x0040  /* do not descend into other devices */
#define FTS_WHITEOUT   0x0080
#define FTS_OPTIONMASK 0x00ff
#define FTS_NAMEONLY   0x0100  /* fts_children: only the names are wanted */
#define FTS_STOP       0x0200

#define FTS_ROOTPARENTLEVEL (-1)
#define FTS_ROOTLEVEL       0

/* fts_info */
#define FTS_D       1   /* a directory, before its contents */
#define FTS_DC      2   /* a directory that is its own ancestor */
#define FTS_DEFAULT 3   /* none of the others */
#define FTS_DNR     4   /* a directory that cannot be read */
#define FTS_DOT     5   /* "." or ".." (FTS_SEEDOT) */
#define FTS_DP      6   /* a directory, after its contents */
#define FTS_ERR     7   /* an error (fts_errno) */
#define FTS_F       8   /* a regular file */
#define FTS_INIT    9
#define FTS_NS      10  /* stat failed (fts_errno) */
#define FTS_NSOK    11  /* not asked for (FTS_NOSTAT) */
#define FTS_SL      12  /* a symbolic link */
#define FTS_SLNONE  13  /* a symbolic link to nothing */
#define FTS_W       14

/* fts_flags */
#define FTS_DONTCHDIR 0x01
#define FTS_SYMFOLLOW 0x02

/* fts_set */
#define FTS_AGAIN   1
#define FTS_FOLLOW  2
#define FTS_NOINSTR 3
#define FTS_SKIP    4

FTS *fts_open(char *const *, int, int (*)(const FTSENT **, const FTSENT **));
FTSENT *fts_read(FTS *);
FTSENT *fts_children(FTS *, int);
int fts_set(FTS *, FTSENT *, int);
int fts_close(FTS *);

#ifdef __cplusplus
}
#endif

#endif
