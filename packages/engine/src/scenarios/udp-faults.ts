import type { Scenario } from '@sockscope/protocol';

export const udpBoundaries: Scenario = {
  name: 'udp-boundaries',
  title: 'UDP keeps message boundaries',
  description: 'The client sends "hel" and then "lo" in two datagrams; the server reads later and gets them in two recvfrom() calls of 3 and 2 bytes: each datagram is a message.',
  proto: 'udp',
  message: 'hello',
  steps: [
    { op: 'bind', side: 'server' },
    { op: 'socket', side: 'client' },
    { op: 'sendto', side: 'client', data: { text: 'hel' } },
    { op: 'sendto', side: 'client', data: { text: 'lo' } },
    { op: 'recvfrom', side: 'server' },
    { op: 'recvfrom', side: 'server' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server' },
  ],
};

export const udpClosedPort: Scenario = {
  name: 'udp-closed-port',
  title: 'UDP to a closed port',
  description: 'A connected UDP client sends to port 7009 where nothing listens. The kernel there answers with ICMP port unreachable; the client learns of it only at its next call, which fails with ECONNREFUSED.',
  proto: 'udp',
  message: 'hello',
  steps: [
    { op: 'socket', side: 'client' },
    { op: 'connect', side: 'client', to: 'closed-port' },
    { op: 'sendto', side: 'client', data: 'message' },
    { op: 'recvfrom', side: 'client' },
    { op: 'close', side: 'client' },
  ],
};

export const udpOverflow: Scenario = {
  name: 'udp-overflow',
  title: 'UDP overflow: silent loss',
  description: 'The server shrinks its receive buffer and does not read while the client sends a burst of 20 datagrams. What does not fit is dropped, silently: no error anywhere, only the kernel\'s drop counter knows.',
  proto: 'udp',
  message: 'hello',
  steps: [
    { op: 'bind', side: 'server' },
    { op: 'setsockopt', side: 'server', option: 'SO_RCVBUF', value: 2048 },
    { op: 'socket', side: 'client' },
    { op: 'sendto', side: 'client', data: { bytes: 512 }, count: 20 },
    { op: 'recvfrom', side: 'server' },
    { op: 'recvfrom', side: 'server' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server' },
  ],
};
