// @ts-check
// The server's listening socket lives in this small process so that it can really stop:
// between accept() steps the engine freezes it (SIGSTOP), and a frozen program calls no
// accept(), exactly like a server busy elsewhere. The kernel still completes handshakes into
// the accept queue (backlog + 1 of them on Linux) and drops later SYNs.
//
// Plain JavaScript on purpose: it starts once per TCP session, and loading it through tsx
// costs ~400 ms more than node alone.
//
// Protocol over the IPC channel:
//   argv: host port backlog
//   -> { type: 'listening', fd }            then stops itself (SIGSTOP)
//   -> { type: 'error', code, message }     then exits
//   -> { type: 'accepted' } + the socket    for every connection libuv accepts
//   <- { type: 'got' }                      the engine has the socket; once every accepted socket
//                                           is acknowledged (Node closed its copy of the handle),
//                                           the process stops itself again.
import net from 'node:net';

const [host = '', port = '0', backlog = '511'] = process.argv.slice(2);
const send = (/** @type {unknown} */ message, /** @type {net.Socket=} */ socket) => process.send?.(message, socket);
const stop = () => process.kill(process.pid, 'SIGSTOP');

let unacknowledged = 0;
const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
server.on('connection', (socket) => {
  unacknowledged += 1;
  send({ type: 'accepted' }, socket);
});
server.on('error', (error) => {
  send({ type: 'error', code: /** @type {NodeJS.ErrnoException} */ (error).code ?? 'EIO', message: error.message });
  process.disconnect?.();
});
server.listen({ host, port: Number(port), backlog: Number(backlog), exclusive: true }, () => {
  const handle = /** @type {{ _handle?: { fd?: number } }} */ (/** @type {unknown} */ (server))._handle;
  send({ type: 'listening', fd: handle?.fd ?? null });
  stop();
});
process.on('message', (/** @type {{ type?: string }} */ message) => {
  if (message.type !== 'got') return;
  unacknowledged -= 1;
  if (unacknowledged === 0) stop();
});
process.on('disconnect', () => process.exit(0));
