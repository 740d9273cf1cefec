import type { Scenario } from '@sockscope/protocol';

/** The first steps of every connected TCP scenario: the server listens and accepts, the client connects. */
const CONNECTED = [
  { op: 'listen', side: 'server' },
  { op: 'accept', side: 'server' },
  { op: 'connect', side: 'client' },
] as const satisfies Scenario['steps'];

export const tcpBoundaries: Scenario = {
  name: 'tcp-boundaries',
  title: 'TCP is a byte stream',
  description: 'The client sends "hel" and then "lo" with two send() calls; the server reads later and gets "hello" in one recv(): TCP keeps no message boundaries.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'send', side: 'client', data: { text: 'hel' } },
    { op: 'send', side: 'client', data: { text: 'lo' } },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const timeWait: Scenario = {
  name: 'time-wait',
  title: 'TIME-WAIT: who closes first waits',
  description: 'The client closes first. After the exchange the kernel keeps the client\'s socket in TIME-WAIT (for 60 s on Linux) so that late segments die; the server\'s socket is gone (CLOSED).',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'send', side: 'client', data: 'message' },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const halfClose: Scenario = {
  name: 'half-close',
  title: 'Half-close: shutdown(SHUT_WR)',
  description: 'The client sends its request and shuts down its sending side: its FIN tells the server "no more from me", yet the client still receives. The server reads to end of file, answers after it, then closes.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'send', side: 'client', data: 'message' },
    { op: 'shutdown', side: 'client' },
    { op: 'recv', side: 'server' },
    { op: 'recv', side: 'server' },
    { op: 'send', side: 'server', data: { text: 'still here' } },
    { op: 'recv', side: 'client' },
    { op: 'close', side: 'server' },
    { op: 'recv', side: 'client' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const connectionRefused: Scenario = {
  name: 'connection-refused',
  title: 'Connection refused',
  description: 'The server listens on port 7007, but the client connects to port 7009 where nothing listens: the kernel answers the SYN with RST, and connect() fails with ECONNREFUSED.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server' },
    { op: 'connect', side: 'client', to: 'closed-port' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const abortiveClose: Scenario = {
  name: 'abortive-close',
  title: 'Abortive close: SO_LINGER 0',
  description: 'After an exchange the client closes with SO_LINGER set to 0: its kernel sends RST instead of FIN and forgets the connection. The server\'s next recv() fails with ECONNRESET.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'send', side: 'client', data: 'message' },
    { op: 'recv', side: 'server' },
    { op: 'send', side: 'server', data: 'echo' },
    { op: 'recv', side: 'client' },
    { op: 'close', side: 'client', linger: 0 },
    { op: 'recv', side: 'server' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const writeAfterPeerClose: Scenario = {
  name: 'write-after-peer-close',
  title: 'Writing to a closed peer',
  description: 'The server closes; the client does not notice and sends anyway. send() succeeds (the bytes reach the client\'s kernel), but the server\'s kernel has no one to give them to and answers RST; the client\'s next send() fails with EPIPE.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'close', side: 'server' },
    { op: 'send', side: 'client', data: 'message' },
    { op: 'send', side: 'client', data: 'message' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const backlogFull: Scenario = {
  name: 'backlog-full',
  title: 'A full accept queue',
  description: 'The server listens with backlog 1 and does not call accept() (its process is frozen). Four clients connect: the kernel completes two handshakes into the accept queue (backlog + 1) and drops the other SYNs, which the clients send again after 1 s, 2 s more, 4 s more… until accept() makes room.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    { op: 'listen', side: 'server', backlog: 1 },
    { op: 'connect', side: 'client' },
    { op: 'connect', side: 'client' },
    { op: 'connect', side: 'client' },
    { op: 'connect', side: 'client' },
    // Long enough for one retransmission (at 1 s), short of the next (at 3 s), so accept() empties the queue between them.
    { op: 'wait', side: 'server', ms: 2000 },
    { op: 'accept', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'wait', side: 'server', ms: 1500 },
    { op: 'accept', side: 'server' },
    { op: 'accept', side: 'server' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};

export const zeroWindow: Scenario = {
  name: 'zero-window',
  title: 'Zero window: a receiver that stops reading',
  description: 'The server does not call recv() while the client sends 512 KiB. The server\'s receive queue fills, its advertised window shrinks to 0, and the client\'s kernel waits, probing the window now and then. When the server reads, everything flows.',
  proto: 'tcp',
  message: 'hello',
  steps: [
    ...CONNECTED,
    { op: 'send', side: 'client', data: { bytes: 512 * 1024 } },
    { op: 'wait', side: 'client', ms: 1500 },
    { op: 'recv', side: 'server', all: true },
    { op: 'shutdown', side: 'client' },
    { op: 'close', side: 'server' },
    { op: 'close', side: 'client' },
    { op: 'close', side: 'server', socket: 'listener' },
  ],
};
