import type { CallEvent, NewEvent, TcpFlag } from '@sockscope/protocol';
import { payloadPreview } from '@sockscope/wire';

type InferredSegment = Extract<NewEvent, { kind: 'segment' }>;
type InferredDatagram = Extract<NewEvent, { kind: 'datagram' }>;
type InferredIcmp = Extract<NewEvent, { kind: 'icmp' }>;

export interface EndRef {
  socket: string;
  side: string;
  endpoint: string;
}

interface Connection {
  ends: { client: EndRef; server: EndRef };
  /** Next relative sequence number each end will send. */
  next: { client: number; server: number };
  established: boolean;
  finSent: { client: boolean; server: boolean };
  /** close() was called (not just shutdown): data arriving for that end is answered with RST. */
  closed: { client: boolean; server: boolean };
  /** A FIN whose acknowledgement the peer's kernel has not been seen to send yet. */
  finUnacked: { client: boolean; server: boolean };
  synT: number;
}

type Role = 'client' | 'server';

/**
 * Without a capture, the segments a call must have caused are derived from it with RFC 9293:
 * connect() sends SYN and the kernels complete the handshake, send() a data segment that the
 * peer acknowledges, close() a FIN. Every event made here is marked `inferred`; times are
 * placed just after the call that caused them, and absolute sequence numbers, windows and
 * options are left out because only the kernel knows them.
 */
export class WireInference {
  readonly #bySocket = new Map<string, { connection: Connection; role: Role }>();
  /** What each socket's pending send() or sendto() passes, kept from its enter. */
  readonly #sending = new Map<string, { data: string; to?: string }>();
  readonly #lastDatagram = new Map<string, InferredDatagram>();

  constructor(
    private readonly sideOfEndpoint: (endpoint: string) => string,
    private readonly localOf: (socket: string) => string | undefined,
  ) {}

  /** The client's connect() has started: its kernel sends the SYN. */
  connectStarted(t: number, client: EndRef, server: EndRef): InferredSegment[] {
    const connection: Connection = {
      ends: { client, server }, next: { client: 1, server: 0 }, established: false,
      finSent: { client: false, server: false }, finUnacked: { client: false, server: false },
      closed: { client: false, server: false }, synT: t,
    };
    this.#bySocket.set(client.socket, { connection, role: 'client' });
    this.#bySocket.set(server.socket, { connection, role: 'server' });
    return [segment(t, connection, 'client', ['SYN'], 0, undefined, 0)];
  }

  onCall(call: CallEvent): NewEvent[] {
    const udp = !this.#bySocket.has(call.socket);
    if (udp && (call.fn === 'sendto' || call.fn === 'send') && call.phase === 'return') return this.#datagram(call);
    if (udp && call.phase === 'error' && call.errno === 'ECONNREFUSED') return this.#portUnreachable(call);
    // write() on a socket's descriptor sends as send() does.
    if (call.fn === 'sendto' || call.fn === 'send' || call.fn === 'write') {
      if (call.phase === 'enter') {
        const to = call.args?.to;
        this.#sending.set(call.socket, { data: String(call.args?.data ?? ''), ...(typeof to === 'string' && { to }) });
      }
    }
    const held = this.#bySocket.get(call.socket);
    if (!held) return [];
    const { connection, role } = held;
    const peer: Role = role === 'client' ? 'server' : 'client';
    if (call.fn === 'connect' && call.phase === 'return') {
      connection.established = true;
      connection.next.server = 1;
      // The handshake ends just before connect() returns, however long the SYN waited.
      return [
        segment(Math.max(connection.synT + 1, call.t - 2), connection, 'server', ['SYN', 'ACK'], 0, 1, 0),
        segment(Math.max(connection.synT + 2, call.t - 1), connection, 'client', ['ACK'], 1, 1, 0),
      ];
    }
    if (call.fn === 'connect' && call.phase === 'error' && call.errno === 'ECONNREFUSED') {
      return [segment(call.t - 1, connection, 'server', ['RST', 'ACK'], 0, 1, 0)];
    }
    if ((call.fn === 'send' || call.fn === 'write') && call.phase === 'return' && typeof call.result === 'number' && call.result > 0) {
      const len = call.result;
      const data = segment(call.t - 2, connection, role, ['PSH', 'ACK'], connection.next[role], connection.next[peer], len);
      data.payload = payloadPreview(new TextEncoder().encode(this.#sending.get(call.socket)?.data ?? '').subarray(0, len));
      data.payload.truncated ||= len > data.payload.hex.length / 2;
      connection.next[role] += len;
      if (connection.closed[peer]) {
        // Nobody is left to read them: the peer's kernel resets the connection.
        connection.established = false;
        return [data, segment(call.t - 1, connection, peer, ['RST'], connection.next[peer], undefined, 0)];
      }
      return [data, segment(call.t - 1, connection, peer, ['ACK'], connection.next[peer], connection.next[role], 0)];
    }
    if (call.fn === 'close' && call.phase === 'enter' && call.args?.linger === 0) {
      if (!connection.established) return [];
      // SO_LINGER 0: the kernel resets the connection instead of closing it, no FIN.
      connection.established = false;
      return [segment(call.t + 1, connection, role, ['RST', 'ACK'], connection.next[role], connection.next[peer], 0)];
    }
    if ((call.fn === 'close' || call.fn === 'shutdown') && call.phase === 'enter') {
      if (call.fn === 'close') connection.closed[role] = true;
      if (!connection.established || connection.finSent[role]) return [];
      connection.finSent[role] = true;
      connection.finUnacked[role] = true;
      // A FIN of ours acknowledges the peer's FIN, if one came.
      connection.finUnacked[peer] = false;
      const fin = segment(call.t + 1, connection, role, ['FIN', 'ACK'], connection.next[role], connection.next[peer], 0);
      connection.next[role] += 1;
      return [fin];
    }
    return [];
  }

  /**
   * The kernel's table shows a socket's state. A kernel may delay its ACK of a FIN (Linux waits
   * up to 40 ms), so that ACK is inferred only once the closer's state shows it has arrived.
   */
  kernelSaw(t: number, socket: string, state: string): InferredSegment[] {
    const held = this.#bySocket.get(socket);
    if (!held || !held.connection.finUnacked[held.role]) return [];
    if (!['FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'].includes(state)) return [];
    const { connection, role } = held;
    const peer: Role = role === 'client' ? 'server' : 'client';
    connection.finUnacked[role] = false;
    return [segment(t, connection, peer, ['ACK'], connection.next[peer], connection.next[role], 0)];
  }

  /** A connected UDP socket's call failed with ECONNREFUSED: an ICMP port unreachable came back. */
  #portUnreachable(call: CallEvent): InferredIcmp[] {
    const last = this.#lastDatagram.get(call.socket);
    if (!last) return [];
    const [srcAddress = '', srcPort = '0'] = splitEndpoint(last.src);
    const [dstAddress = '', dstPort = '0'] = splitEndpoint(last.dst);
    return [{
      kind: 'icmp', source: 'inferred', t: last.t + 1, from: last.to, to: last.from, src: dstAddress, dst: srcAddress,
      type: 3, code: 3, about: { proto: 'udp', srcPort: Number(srcPort), dstPort: Number(dstPort) },
    }];
  }

  #datagram(call: CallEvent): InferredDatagram[] {
    const to = this.#sending.get(call.socket)?.to;
    const local = this.localOf(call.socket);
    if (to === undefined || !local || typeof call.result !== 'number') return [];
    // An unbound-address socket sends from the address the route to the destination picks.
    const src = local.replace(/^0\.0\.0\.0:/, '127.0.0.1:');
    const datagram: InferredDatagram = {
      kind: 'datagram', source: 'inferred', t: call.t - 1, from: call.side, to: this.sideOfEndpoint(to),
      src, dst: to, len: call.result,
    };
    datagram.payload = payloadPreview(new TextEncoder().encode(this.#sending.get(call.socket)?.data ?? ''));
    this.#lastDatagram.set(call.socket, datagram);
    return [datagram];
  }
}

/** `127.0.0.1:80` → [`127.0.0.1`, `80`]. */
function splitEndpoint(endpoint: string): [string, string] {
  const colon = endpoint.lastIndexOf(':');
  return [endpoint.slice(0, colon), endpoint.slice(colon + 1)];
}

function segment(
  t: number, connection: Connection, sender: Role, flags: TcpFlag[], relSeq: number, relAck: number | undefined, len: number,
): InferredSegment {
  const receiver: Role = sender === 'client' ? 'server' : 'client';
  const from = connection.ends[sender];
  const to = connection.ends[receiver];
  return {
    kind: 'segment', source: 'inferred', t, from: from.side, to: to.side, src: from.endpoint, dst: to.endpoint,
    flags, relSeq, ...(relAck !== undefined && { relAck }), len,
  };
}
