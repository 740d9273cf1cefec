import type { Scenario } from '@sockscope/protocol';

export const tcpEcho: Scenario = {
  name: 'tcp-echo',
  title: 'TCP echo',
  description: 'The client connects (three-way handshake), sends the message, the server echoes it, and both close (FIN in each direction).',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'send', side: 'client', data: 'message' },
    { op: 'recv', side: 'client' },
    { op: 'send', side: 'server', data: 'echo' },
    { op: 'close', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const udpEcho: Scenario = {
  name: 'udp-echo',
  title: 'UDP echo',
  description: 'The client sends the message in one datagram and the server sends it back in another: no connection, no acknowledgements, no teardown.',
  proto: 'udp',
  message: 'hello',
  steps: [
    { op: 'bind', side: 'server' },
    { op: 'recvfrom', side: 'server' },
    { op: 'socket', side: 'client' },
    { op: 'sendto', side: 'client', data: 'message' },
    { op: 'recvfrom', side: 'client' },
    { op: 'sendto', side: 'server', data: 'echo' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server' },
  ],
};
