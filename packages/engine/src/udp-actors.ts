import dgram from 'node:dgram';
import type { ScenarioStep, SendData, Target } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { blocking, bytesToSend, nonBlocking, StepUsageError, type ActorContext, type Actors, type StepRun } from './actor.ts';
import type { SocketEntry } from './registry.ts';
import { TracedCall, textPreview, tracedInstant } from './trace.ts';
import { UdpPeer } from './udp-peer.ts';

type Side = 'client' | 'server';

interface Held {
  peer: UdpPeer;
  entry: SocketEntry;
  bound: boolean;
  /** Set by connect(): the only peer this socket sends to and hears from. */
  connected: boolean;
}

/** The UDP server and client of a session: real `dgram` sockets, each call traced. */
export class UdpActors implements Actors {
  readonly #held = new Map<Side, Held>();

  constructor(private readonly ctx: ActorContext) {}

  run(step: ScenarioStep): StepRun {
    switch (step.op) {
      case 'socket': return nonBlocking(Promise.resolve(this.#socket(step.side)).then(() => undefined));
      case 'bind': return nonBlocking(this.#bindServer(step.side));
      case 'setsockopt': return nonBlocking(this.#setRecvBuffer(step.side, step.value));
      case 'connect': return nonBlocking(this.#connect(step.side, step.to ?? 'server'));
      case 'sendto': return nonBlocking(this.#sendto(step.side, step.data, step.to, step.count ?? 1));
      case 'recvfrom': return blocking(this.#recvfrom(step.side));
      case 'close': return nonBlocking(this.#close(step.side));
      default: throw new StepUsageError(`${step.side}: ${step.op}() is not a UDP operation`);
    }
  }

  #socket(side: Side): Held {
    if (this.#held.has(side)) throw new StepUsageError(`the ${side} already has a UDP socket`);
    const entry = this.ctx.registry.add(side, 'udp', 'datagram');
    const call = new TracedCall(this.ctx.trace, side, entry.id, 'socket', "dgram.createSocket('udp4')")
      .enter({ domain: 'AF_INET', type: 'SOCK_DGRAM' });
    const held: Held = { peer: new UdpPeer(dgram.createSocket('udp4')), entry, bound: false, connected: false };
    this.#held.set(side, held);
    // libuv opens the descriptor lazily, at bind: there is no fd to show yet.
    call.return(null);
    return held;
  }

  #get(side: Side): Held {
    const held = this.#held.get(side);
    if (!held) throw new StepUsageError(`the ${side} has no UDP socket yet: socket() or bind() must come first`);
    return held;
  }

  #port(target: Target): number {
    return target === 'closed-port' ? this.ctx.closedPort : this.ctx.serverPort;
  }

  async #bind(held: Held, address: string, port: number, via: string): Promise<boolean> {
    const { entry, peer } = held;
    const call = new TracedCall(this.ctx.trace, entry.side, entry.id, 'bind', via).enter({ address, port });
    return new Promise((resolve) => {
      const onError = (error: Error) => {
        call.error(error);
        resolve(false);
      };
      peer.socket.once('error', onError);
      peer.socket.bind(port, address, () => {
        peer.socket.off('error', onError);
        const bound = peer.socket.address();
        entry.local = formatEndpoint(bound.address, bound.port);
        held.bound = true;
        call.return(0, { local: entry.local, fd: peer.fd });
        resolve(true);
      });
    });
  }

  async #bindServer(side: Side): Promise<void> {
    const held = this.#held.get(side) ?? this.#socket(side);
    if (held.bound) throw new StepUsageError(`the ${side}'s socket is already bound to ${held.entry.local}`);
    const address = side === 'server' ? this.ctx.serverAddress : '0.0.0.0';
    const port = side === 'server' ? this.ctx.serverPort : 0;
    await this.#bind(held, address, port, 'socket.bind()');
  }

  /** Node binds an unbound socket to an ephemeral port before it sends or connects, as the kernel would. */
  async #ensureBound(held: Held, why: string): Promise<boolean> {
    return held.bound || this.#bind(held, '0.0.0.0', 0, `${why} binds first`);
  }

  async #setRecvBuffer(side: Side, value: number): Promise<void> {
    const held = this.#get(side);
    // Node can set socket options only on a socket that has its descriptor, which comes with bind.
    if (!(await this.#ensureBound(held, 'socket.setRecvBufferSize()'))) return;
    const { id } = held.entry;
    const call = new TracedCall(this.ctx.trace, side, id, 'setsockopt', 'socket.setRecvBufferSize()')
      .enter({ level: 'SOL_SOCKET', option: 'SO_RCVBUF', value });
    try {
      held.peer.socket.setRecvBufferSize(value);
      call.return(0);
      // Linux doubles the value for its bookkeeping and enforces a minimum: show what it kept.
      tracedInstant(this.ctx.trace, side, id, 'getsockopt', 'socket.getRecvBufferSize()',
        { level: 'SOL_SOCKET', option: 'SO_RCVBUF' }, held.peer.socket.getRecvBufferSize());
    } catch (error) {
      call.error(error);
    }
  }

  async #connect(side: Side, target: Target): Promise<void> {
    const held = this.#held.get(side) ?? this.#socket(side);
    if (!(await this.#ensureBound(held, 'socket.connect()'))) return;
    const address = this.ctx.serverAddress;
    const port = this.#port(target);
    held.entry.remote = formatEndpoint(address, port);
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'connect', 'socket.connect()').enter({ address, port });
    await new Promise<void>((resolve) => {
      held.peer.socket.connect(port, address, (error?: Error) => {
        if (error) call.error(error);
        else {
          held.connected = true;
          // A connected socket has a definite local address: the one the route to the peer uses.
          const local = held.peer.socket.address();
          held.entry.local = formatEndpoint(local.address, local.port);
          call.return(0, { local: held.entry.local });
        }
        resolve();
      });
    });
  }

  async #sendto(side: Side, data: SendData, target: Target | undefined, count: number): Promise<void> {
    const held = this.#get(side);
    if (!(await this.#ensureBound(held, 'socket.send()'))) return;
    const last = held.peer.lastReceived;
    const bytes = bytesToSend(data, this.ctx.message, side, last?.data);
    const to = held.connected ? undefined
      : data === 'echo' && last ? { address: last.from.address, port: last.from.port }
      : { address: this.ctx.serverAddress, port: this.#port(target ?? 'server') };
    // A connected socket's send() names no address; `to` still says where it goes (the connected peer).
    const args = { len: bytes.length, data: textPreview(bytes), to: to ? formatEndpoint(to.address, to.port) : held.entry.remote ?? null };
    // A burst: every call starts before any completes, as a program calling sendto() in a loop.
    const sends = Array.from({ length: count }, () => {
      const call = new TracedCall(this.ctx.trace, side, held.entry.id, to ? 'sendto' : 'send', 'socket.send()').enter(args);
      return held.peer.sendto(bytes, to).then((sent) => call.return(sent), (error: unknown) => call.error(error));
    });
    await Promise.all(sends);
  }

  async #recvfrom(side: Side): Promise<void> {
    const held = this.#get(side);
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'recvfrom', "socket.on('message')").enter();
    const result = await held.peer.recvfrom();
    if (!result.ok) return call.error(result.error);
    const { data, from } = result.datagram;
    call.return(data.length, { from: formatEndpoint(from.address, from.port), data: textPreview(data) });
  }

  async #close(side: Side): Promise<void> {
    const held = this.#get(side);
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'close', 'socket.close()').enter();
    await held.peer.close();
    this.#held.delete(side);
    call.return(0);
  }

  async closeAll(): Promise<void> {
    for (const side of [...this.#held.keys()]) await this.#close(side);
  }
}
