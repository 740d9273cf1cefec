import net from 'node:net';
import type { ScenarioStep, SendData } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { Acceptor, ListenError } from './acceptor.ts';
import { blocking, bytesToSend, fdOf, nonBlocking, StepUsageError, type ActorContext, type Actors, type StepRun } from './actor.ts';
import type { SocketEntry } from './registry.ts';
import { TcpConnection } from './tcp-connection.ts';
import { TracedCall, textPreview, tracedInstant } from './trace.ts';

interface Held {
  conn: TcpConnection;
  entry: SocketEntry;
  open: boolean;
}

type Side = 'client' | 'server';
const DEFAULT_BACKLOG = 511;
const LISTEN_VIA = 'net.createServer().listen() in the listening process';

/**
 * The TCP server and clients of a session: real `net` sockets, each call traced. A side may
 * hold several connections (the client connects again and again, the server accepts each);
 * a step names one with `conn` (1 = the first), or acts on the latest.
 */
export class TcpActors implements Actors {
  #listener: { acceptor: Acceptor; entry: SocketEntry } | undefined;
  readonly #connections: Record<Side, Held[]> = { client: [], server: [] };

  constructor(private readonly ctx: ActorContext) {}

  run(step: ScenarioStep): StepRun {
    switch (step.op) {
      case 'listen': return nonBlocking(this.#listen(step.backlog ?? DEFAULT_BACKLOG));
      case 'accept': return blocking(this.#accept());
      case 'connect': return blocking(this.#connect(step.to === 'closed-port' ? this.ctx.closedPort : this.ctx.serverPort));
      case 'setsockopt': return nonBlocking(this.#noDelay(this.#held(step.side, step.conn), step.option, step.value));
      case 'send': return blocking(this.#sendTimes(this.#held(step.side, step.conn), step.data, step.count ?? 1));
      case 'recv': return blocking(this.#recv(this.#held(step.side, step.conn), step.all ?? false));
      case 'shutdown': return nonBlocking(this.#shutdown(this.#held(step.side, step.conn)));
      case 'close':
        if (step.socket === 'listener') return nonBlocking(this.#closeListener());
        return nonBlocking(this.#close(this.#held(step.side, step.conn), step.linger === 0));
      default: throw new StepUsageError(`${step.side}: ${step.op}() is not a TCP operation`);
    }
  }

  #held(side: Side, conn: number | undefined): Held {
    const list = this.#connections[side];
    const held = conn === undefined ? list.findLast((candidate) => candidate.open) : list[conn - 1];
    if (!held) {
      if (conn !== undefined) throw new StepUsageError(`the ${side} has no connection #${conn}: it has ${list.length}`);
      throw new StepUsageError(side === 'client'
        ? 'the client has no open connection: connect() must come first'
        : 'the server has no open connection: accept() must come first');
    }
    if (!held.open) throw new StepUsageError(`the ${side}'s connection #${list.indexOf(held) + 1} (${held.entry.id}) is already closed`);
    return held;
  }

  async #listen(backlog: number): Promise<void> {
    if (this.#listener) throw new StepUsageError('the server is already listening');
    const { trace, registry, serverAddress: address, serverPort: port } = this.ctx;
    const entry = registry.add('server', 'tcp', 'listener');
    const socketCall = new TracedCall(trace, 'server', entry.id, 'socket', LISTEN_VIA).enter({ domain: 'AF_INET', type: 'SOCK_STREAM' });
    try {
      const acceptor = await Acceptor.listen({ host: address, port, backlog }, (socket) => this.#onKernelAccept(socket));
      this.#listener = { acceptor, entry };
      socketCall.return(acceptor.fd);
      tracedInstant(trace, 'server', entry.id, 'setsockopt', LISTEN_VIA, { level: 'SOL_SOCKET', option: 'SO_REUSEADDR', value: 1 });
      entry.local = formatEndpoint(address, port);
      tracedInstant(trace, 'server', entry.id, 'bind', LISTEN_VIA, { address, port });
      tracedInstant(trace, 'server', entry.id, 'listen', LISTEN_VIA, { backlog });
    } catch (error) {
      socketCall.return(null);
      const call = new TracedCall(trace, 'server', entry.id, 'bind', LISTEN_VIA).enter({ address, port });
      call.error(error instanceof ListenError ? Object.assign(new Error(error.message), { code: error.code }) : error);
    }
  }

  /** The accept() step waiting for its connection; libuv's other accepts are traced on their own. */
  #pendingAccept: TracedCall | undefined;

  /** Every connection the listening process accepts was a real accept() call, traced as it arrives. */
  #onKernelAccept(socket: net.Socket): void {
    const listener = this.#listener;
    if (!listener) return void socket.destroy();
    const peer = formatEndpoint(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    const entry = this.ctx.registry.childOf(listener.entry, peer);
    const call = this.#pendingAccept
      ?? new TracedCall(this.ctx.trace, 'server', listener.entry.id, 'accept', 'libuv: it accepts every pending connection at once').enter();
    this.#pendingAccept = undefined;
    call.return(entry.id, { peer, fd: fdOf(socket) });
  }

  async #accept(): Promise<void> {
    const listener = this.#listener;
    if (!listener) throw new StepUsageError('the server is not listening: listen() must come first');
    // libuv may have taken this connection from the kernel during an earlier accept() (traced
    // then); the program's accept() now returns it without asking the kernel again.
    const early = listener.acceptor.hasAccepted;
    const via = early ? 'libuv had accepted it already, in an earlier accept()' : "server.on('connection')";
    const call = new TracedCall(this.ctx.trace, 'server', listener.entry.id, 'accept', via).enter();
    if (!early) this.#pendingAccept = call;
    const socket = await listener.acceptor.accept();
    const peer = formatEndpoint(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    const entry = this.ctx.registry.childOf(listener.entry, peer);
    if (early) call.return(entry.id, { peer, fd: fdOf(socket) });
    this.#connections.server.push({ conn: new TcpConnection(socket), entry, open: true });
  }

  #connect(port: number): Promise<void> {
    const { trace, registry, serverAddress: address } = this.ctx;
    const entry = registry.add('client', 'tcp', 'connection', { remote: formatEndpoint(address, port) });
    tracedInstant(trace, 'client', entry.id, 'socket', 'net.connect()', { domain: 'AF_INET', type: 'SOCK_STREAM' }, null);
    const call = new TracedCall(trace, 'client', entry.id, 'connect', 'net.connect()').enter({ address, port });
    const socket = net.connect({ host: address, port, allowHalfOpen: true });
    // Paused before it connects, Node does not start reading: the kernel holds what arrives.
    socket.pause();
    const held: Held = { conn: new TcpConnection(socket), entry, open: true };
    this.#connections.client.push(held);
    const learnLocal = () => {
      if (entry.local || !socket.localPort) return;
      entry.local = formatEndpoint(socket.localAddress ?? '?', socket.localPort);
      this.ctx.onClientBound(entry.id);
    };
    // Node connects on the next tick for a literal address; right after it the kernel has bound the socket.
    process.nextTick(learnLocal);
    return new Promise((resolve) => {
      const onError = (error: Error) => {
        socket.off('connect', onConnect);
        held.conn.takePendingError();
        call.error(error);
        held.open = false;
        resolve();
      };
      const onConnect = () => {
        socket.off('error', onError);
        learnLocal();
        call.return(0, { local: entry.local ?? null, fd: fdOf(socket) });
        resolve();
      };
      socket.once('connect', onConnect).once('error', onError);
    });
  }

  /** TCP_NODELAY is the one TCP option Node sets (socket.setNoDelay()); whyRuntimeCannotRun refuses the others first. */
  async #noDelay(held: Held, option: string, value: number): Promise<void> {
    if (option !== 'TCP_NODELAY') throw new StepUsageError(`Node cannot set ${option} on a TCP connection`);
    const call = new TracedCall(this.ctx.trace, held.entry.side, held.entry.id, 'setsockopt', 'socket.setNoDelay()')
      .enter({ level: 'IPPROTO_TCP', option, value });
    held.conn.socket.setNoDelay(value === 1);
    call.return(0);
  }

  /** send() `count` times, each call made as soon as the one before returns. */
  async #sendTimes(held: Held, data: SendData, count: number): Promise<void> {
    for (let sent = 0; sent < count; sent += 1) await this.#send(held, data);
  }

  async #send(held: Held, data: SendData): Promise<void> {
    const bytes = bytesToSend(data, this.ctx.message, held.entry.side, held.conn.lastReceived);
    const call = new TracedCall(this.ctx.trace, held.entry.side, held.entry.id, 'send', 'socket.write()')
      .enter({ len: bytes.length, data: textPreview(bytes) });
    try {
      call.return(await held.conn.send(bytes));
    } catch (error) {
      call.error(error);
    }
  }

  async #recv(held: Held, untilEof: boolean): Promise<void> {
    for (;;) {
      const call = new TracedCall(this.ctx.trace, held.entry.side, held.entry.id, 'recv', "socket.on('data')").enter();
      const result = await held.conn.recv();
      if (!result.ok) return call.error(result.error);
      call.return(result.data.length, result.data.length > 0 ? { data: textPreview(result.data) } : { eof: true });
      if (!untilEof || result.data.length === 0) return;
    }
  }

  async #shutdown(held: Held): Promise<void> {
    const call = new TracedCall(this.ctx.trace, held.entry.side, held.entry.id, 'shutdown', 'socket.end()').enter({ how: 'SHUT_WR' });
    try {
      call.return(await held.conn.shutdown());
    } catch (error) {
      call.error(error);
    }
  }

  async #close(held: Held, reset: boolean): Promise<void> {
    const { side, id } = held.entry;
    held.open = false;
    if (reset) {
      tracedInstant(this.ctx.trace, side, id, 'setsockopt', 'socket.resetAndDestroy()', { level: 'SOL_SOCKET', option: 'SO_LINGER', onoff: 1, linger: 0 });
    }
    const call = new TracedCall(this.ctx.trace, side, id, 'close', reset ? 'socket.resetAndDestroy()' : 'socket.destroy()')
      .enter(reset ? { linger: 0 } : undefined);
    await held.conn.close(reset);
    call.return(0);
  }

  async #closeListener(): Promise<void> {
    const listener = this.#listener;
    if (!listener) throw new StepUsageError('the server has no listening socket to close');
    this.#listener = undefined;
    const call = new TracedCall(this.ctx.trace, 'server', listener.entry.id, 'close', 'the listening process exits').enter();
    this.#pendingAccept = undefined;
    // Connections the kernel completed but nobody accepted are reset when the listener closes.
    await listener.acceptor.close();
    call.return(0);
  }

  async closeAll(): Promise<void> {
    for (const side of ['client', 'server'] as const) {
      for (const held of this.#connections[side]) if (held.open) await this.#close(held, false);
    }
    if (this.#listener) await this.#closeListener();
  }
}
