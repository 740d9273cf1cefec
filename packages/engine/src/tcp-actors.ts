import net from 'node:net';
import type { ScenarioStep, SendData } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { blocking, bytesToSend, fdOf, nonBlocking, StepUsageError, type ActorContext, type Actors, type StepRun } from './actor.ts';
import type { SocketEntry } from './registry.ts';
import { TcpConnection } from './tcp-connection.ts';
import { TracedCall, textPreview, tracedInstant } from './trace.ts';

interface Held {
  conn: TcpConnection;
  entry: SocketEntry;
}

/** The TCP echo server and client of a session: real `net` sockets, each call traced. */
export class TcpActors implements Actors {
  #listener: { server: net.Server; entry: SocketEntry } | undefined;
  readonly #acceptQueue: net.Socket[] = [];
  #acceptWaiter: ((socket: net.Socket) => void) | undefined;
  #serverConn: Held | undefined;
  #client: Held | undefined;

  constructor(private readonly ctx: ActorContext) {}

  run(step: ScenarioStep): StepRun {
    switch (step.op) {
      case 'listen': return nonBlocking(this.#listen());
      case 'accept': return blocking(this.#accept());
      case 'connect': return nonBlocking(this.#connect());
      case 'send': return nonBlocking(this.#send(this.#held(step.side), step.data));
      case 'recv': return blocking(this.#recv(this.#held(step.side)));
      case 'close':
        return nonBlocking(step.socket === 'listener' ? this.#closeListener() : this.#close(step.side));
      default: throw new StepUsageError(`${step.side}: ${step.op}() is not a TCP operation`);
    }
  }

  #held(side: 'client' | 'server'): Held {
    const held = side === 'client' ? this.#client : this.#serverConn;
    if (!held) {
      throw new StepUsageError(side === 'client'
        ? 'the client has no connected socket yet: connect() must come first'
        : 'the server has no accepted connection yet: accept() must come first');
    }
    return held;
  }

  #listen(): Promise<void> {
    const { trace, registry, serverAddress: address, serverPort: port } = this.ctx;
    const entry = registry.add('server', 'tcp', 'listener');
    const via = 'net.createServer().listen()';
    const socketCall = new TracedCall(trace, 'server', entry.id, 'socket', via).enter({ domain: 'AF_INET', type: 'SOCK_STREAM' });
    // allowHalfOpen: the program, not Node, decides when to send its FIN.
    // pauseOnConnect: accepted sockets read nothing until the program calls recv().
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.#listener = { server, entry };
    server.on('connection', (socket) => {
      const waiter = this.#acceptWaiter;
      this.#acceptWaiter = undefined;
      if (waiter) waiter(socket);
      else this.#acceptQueue.push(socket);
    });
    return new Promise((resolve) => {
      server.once('listening', () => {
        socketCall.return(fdOf(server));
        tracedInstant(trace, 'server', entry.id, 'setsockopt', via, { level: 'SOL_SOCKET', option: 'SO_REUSEADDR', value: 1 });
        entry.local = formatEndpoint(address, port);
        tracedInstant(trace, 'server', entry.id, 'bind', via, { address, port });
        tracedInstant(trace, 'server', entry.id, 'listen', via, { backlog: 511 });
        resolve();
      });
      server.once('error', (error) => {
        socketCall.return(null);
        new TracedCall(trace, 'server', entry.id, 'bind', via).enter({ address, port }).error(error);
        this.#listener = undefined;
        resolve();
      });
      server.listen({ host: address, port, backlog: 511 });
    });
  }

  async #accept(): Promise<void> {
    const listener = this.#listener;
    if (!listener) throw new StepUsageError('the server is not listening: listen() must come first');
    const call = new TracedCall(this.ctx.trace, 'server', listener.entry.id, 'accept', "server.on('connection')").enter();
    const socket = this.#acceptQueue.shift() ?? await new Promise<net.Socket>((resolve) => { this.#acceptWaiter = resolve; });
    const peer = formatEndpoint(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    const entry = this.ctx.registry.childOf(listener.entry, peer);
    this.#serverConn = { conn: new TcpConnection(socket), entry };
    call.return(entry.id, { peer, fd: fdOf(socket) });
  }

  #connect(): Promise<void> {
    const { trace, registry, serverAddress: address, serverPort: port } = this.ctx;
    const entry = registry.add('client', 'tcp', 'connection', { remote: formatEndpoint(address, port) });
    tracedInstant(trace, 'client', entry.id, 'socket', 'net.connect()', { domain: 'AF_INET', type: 'SOCK_STREAM' }, null);
    const call = new TracedCall(trace, 'client', entry.id, 'connect', 'net.connect()').enter({ address, port });
    const socket = net.connect({ host: address, port, allowHalfOpen: true });
    // Paused before it connects, Node does not start reading: the kernel holds what arrives.
    socket.pause();
    this.#client = { conn: new TcpConnection(socket), entry };
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
        call.error(error);
        this.#client = undefined;
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

  async #recv(held: Held): Promise<void> {
    const call = new TracedCall(this.ctx.trace, held.entry.side, held.entry.id, 'recv', "socket.on('data')").enter();
    const result = await held.conn.recv();
    if (!result.ok) return call.error(result.error);
    call.return(result.data.length, result.data.length > 0 ? { data: textPreview(result.data) } : { eof: true });
  }

  async #close(side: 'client' | 'server'): Promise<void> {
    const held = this.#held(side);
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'close', 'socket.destroy()').enter();
    await held.conn.close();
    call.return(0);
    if (side === 'client') this.#client = undefined;
    else this.#serverConn = undefined;
  }

  async #closeListener(): Promise<void> {
    const listener = this.#listener;
    if (!listener) throw new StepUsageError('the server has no listening socket to close');
    const call = new TracedCall(this.ctx.trace, 'server', listener.entry.id, 'close', 'server.close()').enter();
    listener.server.close();
    this.#listener = undefined;
    call.return(0);
  }

  async closeAll(): Promise<void> {
    if (this.#client) await this.#close('client');
    if (this.#serverConn) await this.#close('server');
    for (const socket of this.#acceptQueue.splice(0)) socket.destroy();
    if (this.#listener) await this.#closeListener();
  }
}
