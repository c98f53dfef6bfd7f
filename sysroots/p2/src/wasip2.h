/*
 * C bindings to the Preview 2 functions libc imports directly
 * (sysroots/p2/wit, world `imports`), at the level of the canonical ABI.
 *
 * Written by hand for wasi-sysroots. Conventions of the canonical ABI used here:
 *  - a resource handle (own or borrow) is an i32;
 *  - bool, u8, u16, u32 and enums are i32; u64 is i64;
 *  - parameters are flattened; a variant contributes its discriminant and the
 *    element-wise join of its cases;
 *  - a result that flattens to more than one value is written by the host to
 *    memory at a pointer passed as the last parameter (the `ret` argument);
 *  - lists and strings that the host returns are allocated with the
 *    module's exported `cabi_realloc`.
 * The structures below describe those in-memory results; their sizes and
 * offsets are checked at the end of this file.
 *
 * sysroots/p2/test (packages/sysroot-wasip2/test/bindings.test.ts) compiles a
 * reference to every declaration here and compares module, name and core
 * signature of each import with the WIT.
 */
#ifndef __wasi_sysroots_wasip2_h
#define __wasi_sysroots_wasip2_h

#include <stddef.h>
#include <stdint.h>

#define WASIP2_IMPORT(module, name) \
  __attribute__((__import_module__(module), __import_name__(name)))

/* ---- shared layouts ---------------------------------------------------- */

/* wasi:sockets/network.error-code */
enum {
  WASIP2_ERR_UNKNOWN = 0,
  WASIP2_ERR_ACCESS_DENIED = 1,
  WASIP2_ERR_NOT_SUPPORTED = 2,
  WASIP2_ERR_INVALID_ARGUMENT = 3,
  WASIP2_ERR_OUT_OF_MEMORY = 4,
  WASIP2_ERR_TIMEOUT = 5,
  WASIP2_ERR_CONCURRENCY_CONFLICT = 6,
  WASIP2_ERR_NOT_IN_PROGRESS = 7,
  WASIP2_ERR_WOULD_BLOCK = 8,
  WASIP2_ERR_INVALID_STATE = 9,
  WASIP2_ERR_NEW_SOCKET_LIMIT = 10,
  WASIP2_ERR_ADDRESS_NOT_BINDABLE = 11,
  WASIP2_ERR_ADDRESS_IN_USE = 12,
  WASIP2_ERR_REMOTE_UNREACHABLE = 13,
  WASIP2_ERR_CONNECTION_REFUSED = 14,
  WASIP2_ERR_CONNECTION_RESET = 15,
  WASIP2_ERR_CONNECTION_ABORTED = 16,
  WASIP2_ERR_DATAGRAM_TOO_LARGE = 17,
  WASIP2_ERR_NAME_UNRESOLVABLE = 18,
  WASIP2_ERR_TEMPORARY_RESOLVER_FAILURE = 19,
  WASIP2_ERR_PERMANENT_RESOLVER_FAILURE = 20,
};

/* wasi:sockets/network.ip-address-family; also the variant tags below. */
enum { WASIP2_IPV4 = 0, WASIP2_IPV6 = 1 };

/* wasi:sockets/tcp.shutdown-type */
enum { WASIP2_SHUTDOWN_RECEIVE = 0, WASIP2_SHUTDOWN_SEND = 1, WASIP2_SHUTDOWN_BOTH = 2 };

/* wasi:io/streams.stream-error tags */
enum { WASIP2_STREAM_LAST_OPERATION_FAILED = 0, WASIP2_STREAM_CLOSED = 1 };

/* ip-socket-address as a parameter: 12 flat i32 values (discriminant, then
 * ipv4: port, a, b, c, d; ipv6: port, flow-info, 8 groups, scope-id). */
typedef struct { int32_t v[12]; } wasip2_flat_addr_t;
#define WASIP2_ADDR_PARAMS \
  int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, \
  int32_t, int32_t, int32_t, int32_t, int32_t, int32_t
#define WASIP2_ADDR_ARGS(a) \
  (a).v[0], (a).v[1], (a).v[2], (a).v[3], (a).v[4], (a).v[5], \
  (a).v[6], (a).v[7], (a).v[8], (a).v[9], (a).v[10], (a).v[11]

/* ip-socket-address in memory: size 32, align 4. */
typedef struct {
  uint8_t tag;
  union {
    struct { uint16_t port; uint8_t addr[4]; } v4;
    struct { uint16_t port; uint32_t flow_info; uint16_t addr[8]; uint32_t scope_id; } v6;
  } u;
} wasip2_ip_socket_address_t;

/* ip-address in memory: size 18, align 2. */
typedef struct {
  uint8_t tag;
  union { uint8_t v4[4]; uint16_t v6[8]; } u;
} wasip2_ip_address_t;

typedef struct { uint8_t *ptr; size_t len; } wasip2_bytes_t;        /* list<u8> */
typedef struct { char *ptr; size_t len; } wasip2_string_t;          /* string */
typedef struct { uint32_t *ptr; size_t len; } wasip2_u32_list_t;    /* list<u32> */

/* result<_, error-code> */
typedef struct { uint8_t is_err; uint8_t err; } wasip2_result_t;
/* result<bool, error-code>, result<u8, error-code> */
typedef struct { uint8_t is_err; union { uint8_t ok; uint8_t err; } u; } wasip2_result_u8_t;
/* result<u32, error-code>, result<own<T>, error-code> */
typedef struct { uint8_t is_err; union { uint32_t ok; uint8_t err; } u; } wasip2_result_u32_t;
/* result<u64, error-code> */
typedef struct { uint8_t is_err; union { uint64_t ok; uint8_t err; } u; } wasip2_result_u64_t;
/* result<tuple<own<A>, own<B>>, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { int32_t a, b; } ok; uint8_t err; } u;
} wasip2_result_pair_t;
/* result<tuple<own<tcp-socket>, own<input-stream>, own<output-stream>>, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { int32_t socket, in, out; } ok; uint8_t err; } u;
} wasip2_result_accept_t;
/* result<ip-socket-address, error-code> */
typedef struct {
  uint8_t is_err;
  union { wasip2_ip_socket_address_t ok; uint8_t err; } u;
} wasip2_result_addr_t;
/* result<option<ip-address>, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { uint8_t is_some; wasip2_ip_address_t addr; } ok; uint8_t err; } u;
} wasip2_result_next_address_t;

/* wasi:io/streams.stream-error */
typedef struct { uint8_t tag; int32_t error; } wasip2_stream_error_t;
/* result<list<u8>, stream-error> */
typedef struct {
  uint8_t is_err;
  union { wasip2_bytes_t ok; wasip2_stream_error_t err; } u;
} wasip2_stream_result_bytes_t;
/* result<u64, stream-error> */
typedef struct {
  uint8_t is_err;
  union { uint64_t ok; wasip2_stream_error_t err; } u;
} wasip2_stream_result_u64_t;
/* result<_, stream-error> */
typedef struct { uint8_t is_err; wasip2_stream_error_t err; } wasip2_stream_result_t;

/* wasi:sockets/udp records */
typedef struct {
  wasip2_bytes_t data;
  wasip2_ip_socket_address_t remote_address;
} wasip2_incoming_datagram_t;
typedef struct {
  wasip2_bytes_t data;
  struct { uint8_t is_some; wasip2_ip_socket_address_t addr; } remote_address;
} wasip2_outgoing_datagram_t;
/* result<list<incoming-datagram>, error-code> */
typedef struct {
  uint8_t is_err;
  union { struct { wasip2_incoming_datagram_t *ptr; size_t len; } ok; uint8_t err; } u;
} wasip2_result_datagrams_t;

/* ---- wasi:cli@0.2.0: environment, exit, stdio, terminal-* ------------- */

/* tuple<string, string> */
typedef struct { wasip2_string_t name, value; } wasip2_env_var_t;
typedef struct { wasip2_env_var_t *ptr; size_t len; } wasip2_env_list_t;
typedef struct { wasip2_string_t *ptr; size_t len; } wasip2_string_list_t;
/* option<own<terminal-*>> */
typedef struct { uint8_t is_some; int32_t handle; } wasip2_option_handle_t;
/* option<string> */
typedef struct { uint8_t is_some; wasip2_string_t value; } wasip2_option_string_t;

WASIP2_IMPORT("wasi:cli/environment@0.2.0", "get-environment")
void __wasip2_get_environment(wasip2_env_list_t *ret);
WASIP2_IMPORT("wasi:cli/environment@0.2.0", "get-arguments")
void __wasip2_get_arguments(wasip2_string_list_t *ret);
WASIP2_IMPORT("wasi:cli/environment@0.2.0", "initial-cwd")
void __wasip2_initial_cwd(wasip2_option_string_t *ret);
WASIP2_IMPORT("wasi:cli/exit@0.2.0", "exit")
_Noreturn void __wasip2_exit(int32_t is_err);
WASIP2_IMPORT("wasi:cli/exit@0.2.0", "exit-with-code")
_Noreturn void __wasip2_exit_with_code(int32_t status);
WASIP2_IMPORT("wasi:cli/stdin@0.2.0", "get-stdin")
int32_t __wasip2_get_stdin(void);
WASIP2_IMPORT("wasi:cli/stdout@0.2.0", "get-stdout")
int32_t __wasip2_get_stdout(void);
WASIP2_IMPORT("wasi:cli/stderr@0.2.0", "get-stderr")
int32_t __wasip2_get_stderr(void);
WASIP2_IMPORT("wasi:cli/terminal-input@0.2.0", "[resource-drop]terminal-input")
void __wasip2_terminal_input_drop(int32_t self);
WASIP2_IMPORT("wasi:cli/terminal-output@0.2.0", "[resource-drop]terminal-output")
void __wasip2_terminal_output_drop(int32_t self);
WASIP2_IMPORT("wasi:cli/terminal-stdin@0.2.0", "get-terminal-stdin")
void __wasip2_get_terminal_stdin(wasip2_option_handle_t *ret);
WASIP2_IMPORT("wasi:cli/terminal-stdout@0.2.0", "get-terminal-stdout")
void __wasip2_get_terminal_stdout(wasip2_option_handle_t *ret);
WASIP2_IMPORT("wasi:cli/terminal-stderr@0.2.0", "get-terminal-stderr")
void __wasip2_get_terminal_stderr(wasip2_option_handle_t *ret);

/* ---- wasi:io/error@0.2.0 ------------------------------------------------ */

WASIP2_IMPORT("wasi:io/error@0.2.0", "[method]error.to-debug-string")
void __wasip2_error_to_debug_string(int32_t self, wasip2_string_t *ret);
WASIP2_IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void __wasip2_error_drop(int32_t self);

/* ---- wasi:io/poll@0.2.0 ------------------------------------------------- */

WASIP2_IMPORT("wasi:io/poll@0.2.0", "[method]pollable.ready")
int32_t __wasip2_pollable_ready(int32_t self);
WASIP2_IMPORT("wasi:io/poll@0.2.0", "[method]pollable.block")
void __wasip2_pollable_block(int32_t self);
WASIP2_IMPORT("wasi:io/poll@0.2.0", "poll")
void __wasip2_poll(const int32_t *pollables, size_t len, wasip2_u32_list_t *ret);
WASIP2_IMPORT("wasi:io/poll@0.2.0", "[resource-drop]pollable")
void __wasip2_pollable_drop(int32_t self);

/* ---- wasi:io/streams@0.2.0 ---------------------------------------------- */

WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.read")
void __wasip2_input_read(int32_t self, int64_t len, wasip2_stream_result_bytes_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
void __wasip2_input_blocking_read(int32_t self, int64_t len, wasip2_stream_result_bytes_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.skip")
void __wasip2_input_skip(int32_t self, int64_t len, wasip2_stream_result_u64_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-skip")
void __wasip2_input_blocking_skip(int32_t self, int64_t len, wasip2_stream_result_u64_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.subscribe")
int32_t __wasip2_input_subscribe(int32_t self);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]input-stream")
void __wasip2_input_drop(int32_t self);

WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.check-write")
void __wasip2_output_check_write(int32_t self, wasip2_stream_result_u64_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.write")
void __wasip2_output_write(int32_t self, const uint8_t *ptr, size_t len, wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
void __wasip2_output_blocking_write_and_flush(int32_t self, const uint8_t *ptr, size_t len,
                                              wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.flush")
void __wasip2_output_flush(int32_t self, wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-flush")
void __wasip2_output_blocking_flush(int32_t self, wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.subscribe")
int32_t __wasip2_output_subscribe(int32_t self);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.write-zeroes")
void __wasip2_output_write_zeroes(int32_t self, int64_t len, wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-zeroes-and-flush")
void __wasip2_output_blocking_write_zeroes_and_flush(int32_t self, int64_t len,
                                                     wasip2_stream_result_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.splice")
void __wasip2_output_splice(int32_t self, int32_t src, int64_t len, wasip2_stream_result_u64_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-splice")
void __wasip2_output_blocking_splice(int32_t self, int32_t src, int64_t len,
                                     wasip2_stream_result_u64_t *ret);
WASIP2_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]output-stream")
void __wasip2_output_drop(int32_t self);

/* ---- wasi:clocks/monotonic-clock@0.2.0 ---------------------------------- */

WASIP2_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "now")
int64_t __wasip2_monotonic_now(void);
WASIP2_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "resolution")
int64_t __wasip2_monotonic_resolution(void);
WASIP2_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-instant")
int32_t __wasip2_monotonic_subscribe_instant(int64_t when);
WASIP2_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration")
int32_t __wasip2_monotonic_subscribe_duration(int64_t when);

/* ---- wasi:clocks/wall-clock@0.2.0 --------------------------------------- */

/* wall-clock.datetime */
typedef struct {
  uint64_t seconds;
  uint32_t nanoseconds;
} wasip2_datetime_t;

WASIP2_IMPORT("wasi:clocks/wall-clock@0.2.0", "now")
void __wasip2_wall_now(wasip2_datetime_t *ret);
WASIP2_IMPORT("wasi:clocks/wall-clock@0.2.0", "resolution")
void __wasip2_wall_resolution(wasip2_datetime_t *ret);

/* ---- wasi:random/random@0.2.0 ------------------------------------------- */

WASIP2_IMPORT("wasi:random/random@0.2.0", "get-random-u64")
int64_t __wasip2_random_u64(void);

/* ---- wasi:sockets/network@0.2.0, instance-network@0.2.0 ----------------- */

WASIP2_IMPORT("wasi:sockets/network@0.2.0", "[resource-drop]network")
void __wasip2_network_drop(int32_t self);
WASIP2_IMPORT("wasi:sockets/instance-network@0.2.0", "instance-network")
int32_t __wasip2_instance_network(void);

/* ---- wasi:sockets/tcp@0.2.0, tcp-create-socket@0.2.0 -------------------- */

#define WASIP2_TCP(name) WASIP2_IMPORT("wasi:sockets/tcp@0.2.0", "[method]tcp-socket." name)

WASIP2_TCP("start-bind")
void __wasip2_tcp_start_bind(int32_t self, int32_t network, WASIP2_ADDR_PARAMS, wasip2_result_t *ret);
WASIP2_TCP("finish-bind")
void __wasip2_tcp_finish_bind(int32_t self, wasip2_result_t *ret);
WASIP2_TCP("start-connect")
void __wasip2_tcp_start_connect(int32_t self, int32_t network, WASIP2_ADDR_PARAMS, wasip2_result_t *ret);
WASIP2_TCP("finish-connect")
void __wasip2_tcp_finish_connect(int32_t self, wasip2_result_pair_t *ret);
WASIP2_TCP("start-listen")
void __wasip2_tcp_start_listen(int32_t self, wasip2_result_t *ret);
WASIP2_TCP("finish-listen")
void __wasip2_tcp_finish_listen(int32_t self, wasip2_result_t *ret);
WASIP2_TCP("accept")
void __wasip2_tcp_accept(int32_t self, wasip2_result_accept_t *ret);
WASIP2_TCP("local-address")
void __wasip2_tcp_local_address(int32_t self, wasip2_result_addr_t *ret);
WASIP2_TCP("remote-address")
void __wasip2_tcp_remote_address(int32_t self, wasip2_result_addr_t *ret);
WASIP2_TCP("is-listening")
int32_t __wasip2_tcp_is_listening(int32_t self);
WASIP2_TCP("address-family")
int32_t __wasip2_tcp_address_family(int32_t self);
WASIP2_TCP("set-listen-backlog-size")
void __wasip2_tcp_set_listen_backlog_size(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_TCP("keep-alive-enabled")
void __wasip2_tcp_keep_alive_enabled(int32_t self, wasip2_result_u8_t *ret);
WASIP2_TCP("set-keep-alive-enabled")
void __wasip2_tcp_set_keep_alive_enabled(int32_t self, int32_t value, wasip2_result_t *ret);
WASIP2_TCP("keep-alive-idle-time")
void __wasip2_tcp_keep_alive_idle_time(int32_t self, wasip2_result_u64_t *ret);
WASIP2_TCP("set-keep-alive-idle-time")
void __wasip2_tcp_set_keep_alive_idle_time(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_TCP("keep-alive-interval")
void __wasip2_tcp_keep_alive_interval(int32_t self, wasip2_result_u64_t *ret);
WASIP2_TCP("set-keep-alive-interval")
void __wasip2_tcp_set_keep_alive_interval(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_TCP("keep-alive-count")
void __wasip2_tcp_keep_alive_count(int32_t self, wasip2_result_u32_t *ret);
WASIP2_TCP("set-keep-alive-count")
void __wasip2_tcp_set_keep_alive_count(int32_t self, int32_t value, wasip2_result_t *ret);
WASIP2_TCP("hop-limit")
void __wasip2_tcp_hop_limit(int32_t self, wasip2_result_u8_t *ret);
WASIP2_TCP("set-hop-limit")
void __wasip2_tcp_set_hop_limit(int32_t self, int32_t value, wasip2_result_t *ret);
WASIP2_TCP("receive-buffer-size")
void __wasip2_tcp_receive_buffer_size(int32_t self, wasip2_result_u64_t *ret);
WASIP2_TCP("set-receive-buffer-size")
void __wasip2_tcp_set_receive_buffer_size(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_TCP("send-buffer-size")
void __wasip2_tcp_send_buffer_size(int32_t self, wasip2_result_u64_t *ret);
WASIP2_TCP("set-send-buffer-size")
void __wasip2_tcp_set_send_buffer_size(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_TCP("subscribe")
int32_t __wasip2_tcp_subscribe(int32_t self);
WASIP2_TCP("shutdown")
void __wasip2_tcp_shutdown(int32_t self, int32_t how, wasip2_result_t *ret);
WASIP2_IMPORT("wasi:sockets/tcp@0.2.0", "[resource-drop]tcp-socket")
void __wasip2_tcp_drop(int32_t self);

WASIP2_IMPORT("wasi:sockets/tcp-create-socket@0.2.0", "create-tcp-socket")
void __wasip2_create_tcp_socket(int32_t family, wasip2_result_u32_t *ret);

/* ---- wasi:sockets/udp@0.2.0, udp-create-socket@0.2.0 -------------------- */

#define WASIP2_UDP(name) WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]udp-socket." name)

WASIP2_UDP("start-bind")
void __wasip2_udp_start_bind(int32_t self, int32_t network, WASIP2_ADDR_PARAMS, wasip2_result_t *ret);
WASIP2_UDP("finish-bind")
void __wasip2_udp_finish_bind(int32_t self, wasip2_result_t *ret);
/* option<ip-socket-address> flattens to is-some plus the 12 address values. */
WASIP2_UDP("stream")
void __wasip2_udp_stream(int32_t self, int32_t has_remote, WASIP2_ADDR_PARAMS, wasip2_result_pair_t *ret);
WASIP2_UDP("local-address")
void __wasip2_udp_local_address(int32_t self, wasip2_result_addr_t *ret);
WASIP2_UDP("remote-address")
void __wasip2_udp_remote_address(int32_t self, wasip2_result_addr_t *ret);
WASIP2_UDP("address-family")
int32_t __wasip2_udp_address_family(int32_t self);
WASIP2_UDP("unicast-hop-limit")
void __wasip2_udp_unicast_hop_limit(int32_t self, wasip2_result_u8_t *ret);
WASIP2_UDP("set-unicast-hop-limit")
void __wasip2_udp_set_unicast_hop_limit(int32_t self, int32_t value, wasip2_result_t *ret);
WASIP2_UDP("receive-buffer-size")
void __wasip2_udp_receive_buffer_size(int32_t self, wasip2_result_u64_t *ret);
WASIP2_UDP("set-receive-buffer-size")
void __wasip2_udp_set_receive_buffer_size(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_UDP("send-buffer-size")
void __wasip2_udp_send_buffer_size(int32_t self, wasip2_result_u64_t *ret);
WASIP2_UDP("set-send-buffer-size")
void __wasip2_udp_set_send_buffer_size(int32_t self, int64_t value, wasip2_result_t *ret);
WASIP2_UDP("subscribe")
int32_t __wasip2_udp_subscribe(int32_t self);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[resource-drop]udp-socket")
void __wasip2_udp_drop(int32_t self);

WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]incoming-datagram-stream.receive")
void __wasip2_incoming_datagram_stream_receive(int32_t self, int64_t max_results,
                                               wasip2_result_datagrams_t *ret);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]incoming-datagram-stream.subscribe")
int32_t __wasip2_incoming_datagram_stream_subscribe(int32_t self);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[resource-drop]incoming-datagram-stream")
void __wasip2_incoming_datagram_stream_drop(int32_t self);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.check-send")
void __wasip2_outgoing_datagram_stream_check_send(int32_t self, wasip2_result_u64_t *ret);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.send")
void __wasip2_outgoing_datagram_stream_send(int32_t self, const wasip2_outgoing_datagram_t *ptr,
                                            size_t len, wasip2_result_u64_t *ret);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[method]outgoing-datagram-stream.subscribe")
int32_t __wasip2_outgoing_datagram_stream_subscribe(int32_t self);
WASIP2_IMPORT("wasi:sockets/udp@0.2.0", "[resource-drop]outgoing-datagram-stream")
void __wasip2_outgoing_datagram_stream_drop(int32_t self);

WASIP2_IMPORT("wasi:sockets/udp-create-socket@0.2.0", "create-udp-socket")
void __wasip2_create_udp_socket(int32_t family, wasip2_result_u32_t *ret);

/* ---- wasi:sockets/ip-name-lookup@0.2.0 ---------------------------------- */

WASIP2_IMPORT("wasi:sockets/ip-name-lookup@0.2.0", "resolve-addresses")
void __wasip2_resolve_addresses(int32_t network, const char *name, size_t name_len,
                                wasip2_result_u32_t *ret);
WASIP2_IMPORT("wasi:sockets/ip-name-lookup@0.2.0", "[method]resolve-address-stream.resolve-next-address")
void __wasip2_resolve_next_address(int32_t self, wasip2_result_next_address_t *ret);
WASIP2_IMPORT("wasi:sockets/ip-name-lookup@0.2.0", "[method]resolve-address-stream.subscribe")
int32_t __wasip2_resolve_address_stream_subscribe(int32_t self);
WASIP2_IMPORT("wasi:sockets/ip-name-lookup@0.2.0", "[resource-drop]resolve-address-stream")
void __wasip2_resolve_address_stream_drop(int32_t self);

/* ---- layout checks (canonical ABI sizes and offsets) -------------------- */

#define WASIP2_LAYOUT(type, size, field, offset) \
  _Static_assert(sizeof(type) == (size) && offsetof(type, field) == (offset), #type)

WASIP2_LAYOUT(wasip2_ip_socket_address_t, 32, u, 4);
_Static_assert(offsetof(wasip2_ip_socket_address_t, u.v4.addr) == 6, "ipv4 address");
_Static_assert(offsetof(wasip2_ip_socket_address_t, u.v6.flow_info) == 8, "ipv6 flow-info");
_Static_assert(offsetof(wasip2_ip_socket_address_t, u.v6.addr) == 12, "ipv6 address");
_Static_assert(offsetof(wasip2_ip_socket_address_t, u.v6.scope_id) == 28, "ipv6 scope-id");
WASIP2_LAYOUT(wasip2_ip_address_t, 18, u, 2);
WASIP2_LAYOUT(wasip2_result_t, 2, err, 1);
WASIP2_LAYOUT(wasip2_result_u8_t, 2, u, 1);
WASIP2_LAYOUT(wasip2_result_u32_t, 8, u, 4);
WASIP2_LAYOUT(wasip2_result_u64_t, 16, u, 8);
WASIP2_LAYOUT(wasip2_result_pair_t, 12, u, 4);
WASIP2_LAYOUT(wasip2_result_accept_t, 16, u, 4);
WASIP2_LAYOUT(wasip2_result_addr_t, 36, u, 4);
WASIP2_LAYOUT(wasip2_result_next_address_t, 22, u, 2);
_Static_assert(offsetof(wasip2_result_next_address_t, u.ok.addr) == 4, "option<ip-address>");
WASIP2_LAYOUT(wasip2_stream_error_t, 8, error, 4);
WASIP2_LAYOUT(wasip2_stream_result_bytes_t, 12, u, 4);
WASIP2_LAYOUT(wasip2_stream_result_u64_t, 16, u, 8);
WASIP2_LAYOUT(wasip2_stream_result_t, 12, err, 4);
WASIP2_LAYOUT(wasip2_incoming_datagram_t, 40, remote_address, 8);
WASIP2_LAYOUT(wasip2_outgoing_datagram_t, 44, remote_address, 8);
_Static_assert(offsetof(wasip2_outgoing_datagram_t, remote_address.addr) == 12, "option<ip-socket-address>");
WASIP2_LAYOUT(wasip2_result_datagrams_t, 12, u, 4);
WASIP2_LAYOUT(wasip2_env_var_t, 16, value, 8);
WASIP2_LAYOUT(wasip2_option_handle_t, 8, handle, 4);
WASIP2_LAYOUT(wasip2_option_string_t, 12, value, 4);

#endif
