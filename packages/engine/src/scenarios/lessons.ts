import type { Scenario } from '@sockscope/protocol';

/** One client's whole visit to an echo server: it connects, sends, reads the echo and leaves. */
const VISIT = [
  { op: 'accept', side: 'server' },
  { op: 'connect', side: 'client' },
  { op: 'send', side: 'client', data: 'message' },
  { op: 'recv', side: 'server' },
  { op: 'send', side: 'server', data: 'echo' },
  { op: 'recv', side: 'client' },
  { op: 'close', side: 'client' },
  { op: 'recv', side: 'server' },
  { op: 'close', side: 'server' },
] as const satisfies Scenario['steps'];

export const serialServer: Scenario = {
  name: 'serial-server',
  title: 'A server that serves one client after another',
  description: 'The server accepts a client, echoes its message, reads end of file and closes that connection; then it calls accept() again on the same listener for the next client. Each accept() returns a new socket; the listener stays in LISTEN the whole time.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    ...VISIT,
    ...VISIT,
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const reuseAddr: Scenario = {
  name: 'reuseaddr',
  title: 'Restarting a server: SO_REUSEADDR',
  description: 'The server closes its connection first, so that connection waits in TIME-WAIT on port 7007, and then closes its listener, as a server that stops. Restarted at once, its new socket\'s bind() fails with EADDRINUSE without SO_REUSEADDR; with SO_REUSEADDR it succeeds, and the next client connects.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'send', side: 'client', data: 'message' },
    { op: 'recv', side: 'server' },
    { op: 'send', side: 'server', data: 'echo' },
    { op: 'recv', side: 'client' },
    // The server closes first: its side of the connection is the one that waits in TIME-WAIT.
    { op: 'close', side: 'server' },
    { op: 'recv', side: 'client' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server', socket: 'listener' },
    { op: 'listen', side: 'server', reuseaddr: false },
    { op: 'listen', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'close', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const readWrite: Scenario = {
  name: 'read-write',
  title: 'A socket is a file: read() and write()',
  description: 'The TCP echo again, but both programs call os.write() and os.read() on the socket\'s file descriptor instead of send() and recv(): on a socket, write() is send() and read() is recv(), without flags. The packets are the same.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'recv', side: 'server', via: 'fd' },
    { op: 'send', side: 'client', data: 'message', via: 'fd' },
    { op: 'recv', side: 'client', via: 'fd' },
    { op: 'send', side: 'server', data: 'echo', via: 'fd' },
    { op: 'close', side: 'client' },
    { op: 'recv', side: 'server', via: 'fd' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

/** SENDS small send() calls in one step: with Nagle's algorithm, without it. */
const SENDS = 5;

export const nagle: Scenario = {
  name: 'nagle',
  title: "Nagle's algorithm and TCP_NODELAY",
  description: `The client calls send() ${SENDS} times in a row with 5 bytes each, on two connections. The server delays its ACKs (TCP_QUICKACK 0), as a busy peer does. On the first connection Nagle's algorithm holds the small sends while the first is unacknowledged and joins them into one segment when the ACK comes; on the second the client sets TCP_NODELAY and each send() leaves at once in a segment of its own.`,
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    // On loopback the kernel acknowledges at once, and Nagle would have nothing to wait for.
    { op: 'setsockopt', side: 'server', option: 'TCP_QUICKACK', value: 0 },
    { op: 'send', side: 'client', data: 'message', count: SENDS },
    { op: 'wait', side: 'server', ms: 200 },
    { op: 'recv', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'connect', side: 'client' },
    { op: 'setsockopt', side: 'server', option: 'TCP_QUICKACK', value: 0 },
    { op: 'setsockopt', side: 'client', option: 'TCP_NODELAY', value: 1 },
    { op: 'send', side: 'client', data: 'message', count: SENDS },
    { op: 'wait', side: 'server', ms: 200 },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'client', conn: 1 },
    { op: 'close', side: 'client', conn: 2 },
    { op: 'close', side: 'server', conn: 1 },
    { op: 'close', side: 'server', conn: 2 },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};
