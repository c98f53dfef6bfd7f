// The constants network code uses, with Linux's values where WASI has none of its own: the option
// levels SOL_IP and SOL_TCP, every IPPROTO_*, MSG_NOSIGNAL, and poll's POLLPRI, POLLRDNORM and
// POLLWRNORM, which poll accepts (a pipe with data is POLLRDNORM, one with room POLLWRNORM).
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define SHOW(name) printf("%s %d\n", #name, (int)(name))

int main(void) {
  SHOW(SOL_IP);
  SHOW(SOL_TCP);
  SHOW(SOL_IPV6);
  SHOW(MSG_NOSIGNAL);
  SHOW(IPPROTO_IP); SHOW(IPPROTO_ICMP); SHOW(IPPROTO_IGMP); SHOW(IPPROTO_IPIP); SHOW(IPPROTO_TCP);
  SHOW(IPPROTO_EGP); SHOW(IPPROTO_PUP); SHOW(IPPROTO_UDP); SHOW(IPPROTO_IDP); SHOW(IPPROTO_TP);
  SHOW(IPPROTO_DCCP); SHOW(IPPROTO_IPV6); SHOW(IPPROTO_ROUTING); SHOW(IPPROTO_FRAGMENT);
  SHOW(IPPROTO_RSVP); SHOW(IPPROTO_GRE); SHOW(IPPROTO_ESP); SHOW(IPPROTO_AH); SHOW(IPPROTO_ICMPV6);
  SHOW(IPPROTO_NONE); SHOW(IPPROTO_DSTOPTS); SHOW(IPPROTO_MTP); SHOW(IPPROTO_BEETPH);
  SHOW(IPPROTO_ENCAP); SHOW(IPPROTO_PIM); SHOW(IPPROTO_COMP); SHOW(IPPROTO_L2TP); SHOW(IPPROTO_SCTP);
  SHOW(IPPROTO_MH); SHOW(IPPROTO_UDPLITE); SHOW(IPPROTO_MPLS); SHOW(IPPROTO_ETHERNET);
  SHOW(IPPROTO_RAW); SHOW(IPPROTO_SMC); SHOW(IPPROTO_MPTCP); SHOW(IPPROTO_MAX);
  const int pri = POLLPRI, rdnorm = POLLRDNORM, wrnorm = POLLWRNORM;
  printf("POLLPRI, POLLRDNORM, POLLWRNORM distinct and nonzero: %d\n",
         pri != 0 && rdnorm != 0 && wrnorm != 0 && pri != rdnorm && rdnorm != wrnorm && pri != wrnorm);
  int p[2];
  if (pipe(p) != 0)
    return 1;
  write(p[1], "x", 1);
  struct pollfd fds[2] = {{.fd = p[0], .events = POLLRDNORM | POLLPRI}, {.fd = p[1], .events = POLLWRNORM}};
  int n = poll(fds, 2, 0);
  printf("poll: %d, read end POLLRDNORM %d POLLPRI %d, write end POLLWRNORM %d\n", n,
         (fds[0].revents & POLLRDNORM) != 0, (fds[0].revents & POLLPRI) != 0, (fds[1].revents & POLLWRNORM) != 0);
  return 0;
}
