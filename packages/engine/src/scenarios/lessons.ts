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
