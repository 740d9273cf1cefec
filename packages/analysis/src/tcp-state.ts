import type { TcpFlag, TcpState } from '@sockscope/protocol';

/** A socket's end of a segment: which socket sent it or receives it. */
export interface SegmentEnd {
  id: string;
  side: string;
  /** A connection the kernel makes from a listener when it answers a SYN: it starts in LISTEN. */
  fromListener?: boolean;
}

export interface TrackedSegment {
  t: number;
  flags: readonly TcpFlag[];
  /** Relative to the sender's ISN. */
  relSeq: number;
  /** Relative to the receiver's ISN. */
  relAck?: number;
  len: number;
}

export interface StateChange {
  t: number;
  side: string;
  socket: string;
  from: TcpState;
  to: TcpState;
}

interface SocketTcpState {
  state: TcpState;
  /** The acknowledgement number (relative) that acknowledges this socket's FIN. */
  finAckedAt?: number;
}

/**
 * RFC 9293's state machine (section 3.3.2), driven by the segments a socket sends and receives,
 * plus the calls that change state without a segment (listen, closing a listener).
 * Pure: feed it events in time order, it returns the transitions they cause.
 */
export class TcpStateTracker {
  readonly #sockets = new Map<string, SocketTcpState>();

  stateOf(socket: string): TcpState {
    return this.#sockets.get(socket)?.state ?? 'CLOSED';
  }

  onListen(t: number, side: string, socket: string): StateChange[] {
    return this.#move(t, side, socket, 'LISTEN');
  }

  onListenerClosed(t: number, side: string, socket: string): StateChange[] {
    return this.#move(t, side, socket, 'CLOSED');
  }

  /** Sets a state read from the kernel's table, which outranks what the segments suggested. */
  correct(t: number, side: string, socket: string, state: TcpState): StateChange[] {
    return this.#move(t, side, socket, state);
  }

  onSegment(segment: TrackedSegment, sender: SegmentEnd | undefined, receiver: SegmentEnd | undefined): StateChange[] {
    return [
      ...(sender ? this.#onSend(segment, sender) : []),
      ...(receiver ? this.#onReceive(segment, receiver) : []),
    ];
  }

  #onSend(segment: TrackedSegment, end: SegmentEnd): StateChange[] {
    const has = (flag: TcpFlag) => segment.flags.includes(flag);
    const current = this.stateOf(end.id);
    if (has('RST')) return current === 'LISTEN' ? [] : this.#move(segment.t, end.side, end.id, 'CLOSED');
    if (has('SYN') && !has('ACK') && current === 'CLOSED') return this.#move(segment.t, end.side, end.id, 'SYN-SENT');
    if (has('SYN') && has('ACK') && current === 'SYN-SENT') return this.#move(segment.t, end.side, end.id, 'SYN-RECEIVED');
    // A listener's new connection exists once its kernel answers the SYN: a SYN dropped because
    // the accept queue is full makes none.
    if (has('SYN') && has('ACK') && end.fromListener && current === 'CLOSED') {
      return this.#move(segment.t, end.side, end.id, 'SYN-RECEIVED', 'LISTEN');
    }
    if (!has('FIN')) return [];
    const finAckedAt = (segment.relSeq + segment.len + 1) >>> 0;
    const next: Partial<Record<TcpState, TcpState>> = {
      'ESTABLISHED': 'FIN-WAIT-1',
      'SYN-RECEIVED': 'FIN-WAIT-1',
      'CLOSE-WAIT': 'LAST-ACK',
    };
    const to = next[current];
    if (!to) return [];
    const changes = this.#move(segment.t, end.side, end.id, to);
    this.#entry(end.id).finAckedAt = finAckedAt;
    return changes;
  }

  #onReceive(segment: TrackedSegment, end: SegmentEnd): StateChange[] {
    const has = (flag: TcpFlag) => segment.flags.includes(flag);
    const entry = this.#sockets.get(end.id);
    const current = entry?.state ?? 'CLOSED';
    const { t } = segment;
    if (has('RST')) return current === 'LISTEN' || current === 'CLOSED' ? [] : this.#move(t, end.side, end.id, 'CLOSED');
    if (has('SYN') && !has('ACK')) return [];
    if (has('SYN') && has('ACK')) return current === 'SYN-SENT' ? this.#move(t, end.side, end.id, 'ESTABLISHED') : [];

    const changes: StateChange[] = [];
    let state = current;
    const acksOurFin = has('ACK') && entry?.finAckedAt !== undefined && segment.relAck !== undefined
      && seqAtLeast(segment.relAck, entry.finAckedAt);
    const afterAck: Partial<Record<TcpState, TcpState>> = acksOurFin
      ? { 'FIN-WAIT-1': 'FIN-WAIT-2', 'CLOSING': 'TIME-WAIT', 'LAST-ACK': 'CLOSED' }
      : {};
    if (has('ACK') && state === 'SYN-RECEIVED') afterAck['SYN-RECEIVED'] = 'ESTABLISHED';
    // RFC 9293: in FIN-WAIT-1, a FIN that also acknowledges ours leads straight to TIME-WAIT.
    if (acksOurFin && has('FIN') && state === 'FIN-WAIT-1') return this.#move(t, end.side, end.id, 'TIME-WAIT');
    const ackTo = afterAck[state];
    if (ackTo) {
      changes.push(...this.#move(t, end.side, end.id, ackTo));
      state = ackTo;
    }
    if (has('FIN')) {
      const afterFin: Partial<Record<TcpState, TcpState>> = {
        'ESTABLISHED': 'CLOSE-WAIT', 'FIN-WAIT-1': 'CLOSING', 'FIN-WAIT-2': 'TIME-WAIT',
      };
      const finTo = afterFin[state];
      if (finTo) changes.push(...this.#move(t, end.side, end.id, finTo));
    }
    return changes;
  }

  #entry(socket: string): SocketTcpState {
    let entry = this.#sockets.get(socket);
    if (!entry) {
      entry = { state: 'CLOSED' };
      this.#sockets.set(socket, entry);
    }
    return entry;
  }

  #move(t: number, side: string, socket: string, to: TcpState, fromOverride?: TcpState): StateChange[] {
    const entry = this.#entry(socket);
    const from = fromOverride ?? entry.state;
    if (from === to) return [];
    entry.state = to;
    return [{ t, side, socket, from, to }];
  }
}

/** `a >= b` in 32-bit sequence space (RFC 1982 serial arithmetic). */
function seqAtLeast(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
