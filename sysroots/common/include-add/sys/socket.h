
/* Added by wasi-sysroots: Linux's option levels (the protocol numbers) and MSG_NOSIGNAL, which
   the base hides on wasm32-wasip1 and wasm32-wasip1-threads (wasm32-wasip2's header has them). */
#ifndef __wasi_sysroots_sys_socket_add
#define __wasi_sysroots_sys_socket_add
#ifndef SOL_IP
#define SOL_IP 0
#endif
#ifndef SOL_TCP
#define SOL_TCP 6
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef SOL_IPV6
#define SOL_IPV6 41
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0x4000
#endif
#endif
