/*
 * sockscope-nfq: holds the packets of one network namespace in the kernel's NFQUEUE and lets
 * its parent decide, packet by packet, when each is delivered or whether it is dropped.
 *
 * Runs inside the session's network namespace, where an nftables rule sends every packet
 * leaving a socket (hook output) to queue 0. libnetfilter_queue does the netlink work
 * (nfnetlink_queue: bind the queue, ask for a full copy of each packet, send verdicts).
 *
 * stdout, one frame per queued packet, little-endian:
 *   u32 packet id | u32 length | u64 time the packet reached the queue (CLOCK_MONOTONIC µs)
 *   | length bytes of the packet, from its IP header on
 * stdin, one command per line:
 *   "A <id>" accept (deliver) the packet, "D <id>" drop it.
 * stderr: "ready" once the queue is bound, and errors in words.
 * On end of stdin every packet still held is accepted, so that nothing is left in the queue.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_HELD 4096

static uint32_t held[MAX_HELD];
static size_t held_count;

static void forget(uint32_t id) {
  for (size_t i = 0; i < held_count; i++) {
    if (held[i] == id) {
      held[i] = held[--held_count];
      return;
    }
  }
}

static int write_all(const void *data, size_t length) {
  const char *bytes = data;
  while (length > 0) {
    ssize_t written = write(STDOUT_FILENO, bytes, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    bytes += written;
    length -= (size_t)written;
  }
  return 0;
}

static int on_packet(struct nfq_q_handle *queue, struct nfgenmsg *message, struct nfq_data *data, void *context) {
  (void)message;
  (void)context;
  struct nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
  if (!header) return 0;
  uint32_t id = ntohl(header->packet_id);
  unsigned char *payload = NULL;
  int length = nfq_get_payload(data, &payload);
  if (length < 0) length = 0;
  /* CLOCK_MONOTONIC, the clock of every other reading in the session: realtime can be stepped. */
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t micros = (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
  uint32_t frame[2] = {id, (uint32_t)length};
  if (held_count < MAX_HELD) {
    held[held_count++] = id;
  } else {
    /* Too many undecided packets: deliver this one rather than lose track of it. */
    nfq_set_verdict(queue, id, NF_ACCEPT, 0, NULL);
    return 0;
  }
  if (write_all(frame, sizeof frame) < 0 || write_all(&micros, sizeof micros) < 0 ||
      write_all(payload, (size_t)length) < 0) {
    exit(1);
  }
  return 0;
}

/* Handles the complete command lines in buffer; returns how many bytes it used. */
static size_t run_commands(struct nfq_q_handle *queue, char *buffer, size_t length) {
  size_t used = 0;
  for (;;) {
    char *end = memchr(buffer + used, '\n', length - used);
    if (!end) return used;
    *end = '\0';
    char verdict = buffer[used];
    unsigned long id = strtoul(buffer + used + 1, NULL, 10);
    if (verdict == 'A' || verdict == 'D') {
      if (nfq_set_verdict(queue, (uint32_t)id, verdict == 'A' ? NF_ACCEPT : NF_DROP, 0, NULL) < 0) {
        fprintf(stderr, "verdict for packet %lu failed: %s\n", id, strerror(errno));
      }
      forget((uint32_t)id);
    } else {
      fprintf(stderr, "unknown command: %s\n", buffer + used);
    }
    used = (size_t)(end - buffer) + 1;
  }
}

int main(int argc, char **argv) {
  uint16_t queue_number = argc > 1 ? (uint16_t)atoi(argv[1]) : 0;
  struct nfq_handle *handle = nfq_open();
  if (!handle) {
    fprintf(stderr, "cannot open nfnetlink_queue: %s\n", strerror(errno));
    return 2;
  }
  struct nfq_q_handle *queue = nfq_create_queue(handle, queue_number, on_packet, NULL);
  if (!queue) {
    fprintf(stderr, "cannot bind queue %u: %s\n", queue_number, strerror(errno));
    return 2;
  }
  if (nfq_set_mode(queue, NFQNL_COPY_PACKET, 0xffff) < 0) {
    fprintf(stderr, "cannot ask for packet copies: %s\n", strerror(errno));
    return 2;
  }
  /* Loopback hands over large GSO packets whole; accept them as they are. */
  nfq_set_queue_flags(queue, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO);
  nfq_set_queue_maxlen(queue, MAX_HELD);
  int netlink = nfq_fd(handle);
  fprintf(stderr, "ready\n");

  char packet[0x20000];
  char commands[4096];
  size_t pending = 0;
  struct pollfd fds[2] = {{.fd = netlink, .events = POLLIN}, {.fd = STDIN_FILENO, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents & POLLIN) {
      ssize_t received = recv(netlink, packet, sizeof packet, 0);
      if (received >= 0) nfq_handle_packet(handle, packet, (int)received);
      else if (errno == ENOBUFS) fprintf(stderr, "the kernel dropped queued packets: the reader fell behind\n");
    }
    if (fds[1].revents & (POLLIN | POLLHUP)) {
      ssize_t received = read(STDIN_FILENO, commands + pending, sizeof commands - pending);
      if (received <= 0) break;
      pending += (size_t)received;
      size_t used = run_commands(queue, commands, pending);
      memmove(commands, commands + used, pending - used);
      pending -= used;
      if (pending == sizeof commands) pending = 0;
    }
  }
  while (held_count > 0) nfq_set_verdict(queue, held[--held_count], NF_ACCEPT, 0, NULL);
  nfq_destroy_queue(queue);
  nfq_close(handle);
  return 0;
}
