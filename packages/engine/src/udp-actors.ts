import dgram from 'node:dgram';
import type { ScenarioStep, SendData } from '@sockscope/protocol';
import { formatEndpoint } from '@sockscope/wire';
import { blocking, bytesToSend, nonBlocking, StepUsageError, type ActorContext, type Actors, type StepRun } from './actor.ts';
import type { SocketEntry } from './registry.ts';
import { TracedCall, textPreview } from './trace.ts';
import { UdpPeer } from './udp-peer.ts';

interface Held {
  peer: UdpPeer;
  entry: SocketEntry;
  bound: boolean;
}

/** The UDP echo server and client of a session: real `dgram` sockets, each call traced. */
export class UdpActors implements Actors {
  readonly #held = new Map<'client' | 'server', Held>();

  constructor(private readonly ctx: ActorContext) {}

  run(step: ScenarioStep): StepRun {
    switch (step.op) {
      case 'socket': return nonBlocking(Promise.resolve(this.#socket(step.side)).then(() => undefined));
      case 'bind': return nonBlocking(this.#bindServer(step.side));
      case 'sendto': return nonBlocking(this.#sendto(step.side, step.data));
      case 'recvfrom': return blocking(this.#recvfrom(step.side));
      case 'close': return nonBlocking(this.#close(step.side));
      default: throw new StepUsageError(`${step.side}: ${step.op}() is not a UDP operation`);
    }
  }

  #socket(side: 'client' | 'server'): Held {
    const entry = this.ctx.registry.add(side, 'udp', 'datagram');
    const call = new TracedCall(this.ctx.trace, side, entry.id, 'socket', "dgram.createSocket('udp4')")
      .enter({ domain: 'AF_INET', type: 'SOCK_DGRAM' });
    const held: Held = { peer: new UdpPeer(dgram.createSocket('udp4')), entry, bound: false };
    this.#held.set(side, held);
    // libuv opens the descriptor lazily, at bind: there is no fd to show yet.
    call.return(null);
    return held;
  }

  #get(side: 'client' | 'server'): Held {
    const held = this.#held.get(side);
    if (!held) throw new StepUsageError(`the ${side} has no UDP socket yet: socket() or bind() must come first`);
    return held;
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
        call.return(0, { local: entry.local });
        resolve(true);
      });
    });
  }

  async #bindServer(side: 'client' | 'server'): Promise<void> {
    const held = this.#held.get(side) ?? this.#socket(side);
    const address = side === 'server' ? this.ctx.serverAddress : '0.0.0.0';
    const port = side === 'server' ? this.ctx.serverPort : 0;
    await this.#bind(held, address, port, 'socket.bind()');
  }

  async #sendto(side: 'client' | 'server', data: SendData): Promise<void> {
    const held = this.#get(side);
    // Node binds an unbound socket to an ephemeral port before its first send, as the kernel would.
    if (!held.bound && !(await this.#bind(held, '0.0.0.0', 0, 'socket.send() binds first'))) return;
    const last = held.peer.lastReceived;
    const bytes = bytesToSend(data, this.ctx.message, side, last?.data);
    const address = data === 'echo' && last ? last.from.address : this.ctx.serverAddress;
    const port = data === 'echo' && last ? last.from.port : this.ctx.serverPort;
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'sendto', 'socket.send()')
      .enter({ len: bytes.length, data: textPreview(bytes), to: formatEndpoint(address, port) });
    try {
      call.return(await held.peer.sendto(bytes, port, address));
    } catch (error) {
      call.error(error);
    }
  }

  async #recvfrom(side: 'client' | 'server'): Promise<void> {
    const held = this.#get(side);
    const call = new TracedCall(this.ctx.trace, side, held.entry.id, 'recvfrom', "socket.on('message')").enter();
    const result = await held.peer.recvfrom();
    if (!result.ok) return call.error(result.error);
    const { data, from } = result.datagram;
    call.return(data.length, { from: formatEndpoint(from.address, from.port), data: textPreview(data) });
  }

  async #close(side: 'client' | 'server'): Promise<void> {
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
