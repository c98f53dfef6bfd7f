
/* Added by wasi-sysroots. WASI has no FIFO file type: a host reports a stream socket (or a
   FIFO) as DT_FIFO, which is __WASI_FILETYPE_SOCKET_STREAM, and a datagram socket as
   DT_SOCK. The value differs from every other DT_ constant, so a switch over them compiles. */
#ifndef __wasi_sysroots_dirent_add
#define __wasi_sysroots_dirent_add
#if defined(_BSD_SOURCE) || defined(_GNU_SOURCE)
#define DT_SOCK __WASI_FILETYPE_SOCKET_DGRAM
#endif
#endif
