import { retransmissionAttempts, wireLabel } from '@sockscope/ladder';
import {
  assertUnreachable, isWireEvent, scaledWindow, type CallEvent, type DatagramEvent, type IcmpEvent, type NoteEvent, type SegmentEvent,
  type SessionEvent, type SocketsEvent, type StateEvent, type TcpState,
} from '@sockscope/protocol';
import type { Messages } from './messages.ts';

type Explain = Messages['explain'];

/** A kernel that holds back its ACK longer than this is said to delay it (Linux waits up to 40 ms). */
const DELAYED_ACK_US = 10_000;
/** Longer Node calls are left out of the sentence: the detail panel shows them. */
const MAX_VIA_LENGTH = 30;
/** Longer payloads are cut in the sentence. */
const MAX_PREVIEW_CHARS = 24;

/**
 * One or two short sentences that tell a student what the event at `index` means, in the
 * catalogue's language. `events` are the session's events in drawing order (by `t`, then id);
 * the events before `index` give the context (is accept() still waiting? has the program read
 * the bytes its kernel acknowledges? whose FIN is this ACK for?). Every word comes from
 * `text.explain`; only protocol notation is put together here.
 */
export function explainEvent(events: readonly SessionEvent[], index: number, text: Messages): string {
  const event = events[index];
  if (!event) return '';
  const x = text.explain;
  switch (event.kind) {
    case 'call':
      return explainCall(events, index, event, x);
    case 'segment':
      return wire(event, explainSegment(events, index, event, x), x);
    case 'datagram':
      return wire(event, explainDatagram(events, index, event, x), x);
    case 'icmp':
      return wire(event, explainIcmp(event, x), x);
    case 'state':
      return explainState(event, x);
    case 'sockets':
      return explainSockets(event, x);
    case 'note':
      return explainNote(event, x);
    case 'drop':
      return x.drop(event.side, event.socket, event.count, event.reason === 'accept-queue-full', acceptWaiting(events, index, event.side));
    case 'delivery':
      return x.delivery(event.verdict === 'delivered', (event.heldUs / 1000).toFixed(1), event.by, packetLabel(events, index, event.of));
    default:
      return assertUnreachable(event);
  }
}

/** The label of the packet a verdict was about (`SYN, ACK seq=0 ack=1`), looked up before the verdict. */
function packetLabel(events: readonly SessionEvent[], index: number, id: number): string | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.id === id) return wireLabel(event) || undefined;
  }
  return undefined;
}

function sentences(...parts: (string | false | undefined)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join(' ');
}

/** Wire events sockscope made up (no capture) say so. */
function wire(event: SegmentEvent | DatagramEvent | IcmpEvent, sentence: string, x: Explain): string {
  return event.source === 'inferred' ? sentences(sentence, x.inferred) : sentence;
}

/** `"hello"`, cut when long; undefined when there is nothing to show. */
function preview(text: string | undefined, truncated = false): string | undefined {
  if (text === undefined || text === '') return undefined;
  const cut = text.length > MAX_PREVIEW_CHARS;
  return `${JSON.stringify(cut ? text.slice(0, MAX_PREVIEW_CHARS) : text)}${cut || truncated ? '…' : ''}`;
}

function endpoint(address: unknown, port: unknown): string | undefined {
  if (address === undefined || address === null || port === undefined || port === null) return undefined;
  const host = String(address);
  return host.includes(':') ? `[${host}]:${String(port)}` : `${host}:${String(port)}`;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

// ---------------------------------------------------------------- TCP segments

/** The segments of `segment`'s connection before `index`, from its latest SYN on. */
function connectionBefore(events: readonly SessionEvent[], index: number, segment: SegmentEvent): SegmentEvent[] {
  const found: SegmentEvent[] = [];
  for (let i = 0; i < index; i += 1) {
    const other = events[i];
    if (other?.kind !== 'segment') continue;
    const same = (other.src === segment.src && other.dst === segment.dst) || (other.src === segment.dst && other.dst === segment.src);
    if (!same) continue;
    // A new SYN on the same addresses starts a new connection.
    if (other.flags.includes('SYN') && !other.flags.includes('ACK')) found.length = 0;
    found.push(other);
  }
  return found;
}

const has = (segment: SegmentEvent, flag: SegmentEvent['flags'][number]) => segment.flags.includes(flag);

function explainSegment(events: readonly SessionEvent[], index: number, segment: SegmentEvent, x: Explain): string {
  if (segment.retransmitOf !== undefined) return explainRetransmission(events, index, segment, x);
  const { from, to } = segment;
  const prior = connectionBefore(events, index, segment);
  if (has(segment, 'RST')) {
    const peerSyn = prior.some((s) => s.from === to && has(s, 'SYN') && !has(s, 'ACK'));
    const answeredSyn = prior.some((s) => s.from === from && has(s, 'SYN'));
    return peerSyn && !answeredSyn ? x.rstRefused(from) : x.rst(from);
  }
  if (has(segment, 'SYN') && !has(segment, 'ACK')) {
    return segment.seq === undefined ? x.synUnknownIsn(from) : x.syn(from, segment.seq);
  }
  if (has(segment, 'SYN')) {
    return sentences(x.synAck(from), acceptWaiting(events, index, from) && x.acceptPending);
  }
  if (isWindowProbe(segment, prior)) return x.windowProbe(from, to);
  const parts: string[] = [];
  if (segment.len > 0) parts.push(x.data(from, segment.len, preview(segment.payload?.text, segment.payload?.truncated), segment.relSeq));
  if (has(segment, 'FIN')) {
    parts.push(prior.some((s) => s.from === to && has(s, 'FIN')) ? x.finSecond(from) : x.fin(from));
  }
  if (has(segment, 'ACK') && segment.len === 0 && !has(segment, 'FIN')) parts.push(...explainAck(events, index, segment, prior, x));
  if (parts.length === 0) parts.push(x.segment(from, segment.flags.length > 0 ? segment.flags.join(', ') : '<None>'));
  const window = windowChange(segment, prior);
  if (window === 'closed') parts.push(x.zeroWindow(from, to));
  else if (window !== undefined) parts.push(x.windowOpen(from, window));
  return sentences(...parts);
}

/** 'closed' when `segment` offers a window of 0; the bytes offered when it opens a window its sender had closed. */
function windowChange(segment: SegmentEvent, prior: readonly SegmentEvent[]): 'closed' | number | undefined {
  if (segment.win === undefined || has(segment, 'SYN') || has(segment, 'RST')) return undefined;
  if (segment.win === 0) return 'closed';
  const before = prior.filter((s) => s.from === segment.from).at(-1);
  return before?.win === 0 ? scaledWindow(segment, prior)?.bytes : undefined;
}

/**
 * A zero-window probe: the peer's last segment closed its window, and this one carries at most
 * one byte at one below what the peer acknowledged (Linux sends seq = snd.una − 1, no data).
 */
function isWindowProbe(segment: SegmentEvent, prior: readonly SegmentEvent[]): boolean {
  const peer = prior.filter((s) => s.from === segment.to).at(-1);
  return peer?.win === 0 && peer.relAck !== undefined && segment.len <= 1 && !has(segment, 'FIN') && !has(segment, 'SYN')
    && segment.relSeq === peer.relAck - 1;
}

/** The segment again: why the kernel sent it twice, and after how long. */
function explainRetransmission(events: readonly SessionEvent[], index: number, segment: SegmentEvent, x: Explain): string {
  const repeat = retransmissionAttempts(events.slice(0, index + 1)).get(segment.id);
  const waitUs = repeat?.waitUs;
  // Only captured times are measured: an inferred segment's time is where sockscope put it.
  const ms = waitUs !== undefined && segment.source === 'captured' ? (waitUs / 1000).toFixed(waitUs < 10_000 ? 1 : 0) : undefined;
  const what = has(segment, 'SYN') ? 'SYN' : has(segment, 'FIN') && segment.len === 0 ? 'FIN' : 'data';
  const original = events.find((event) => event.id === segment.retransmitOf);
  // Unanswered: nothing from the peer since the original acknowledged it (an ACK at or past its sequence number + 1).
  const unanswered = original?.kind === 'segment' && !events.slice(events.indexOf(original) + 1, index).some((event) =>
    event.kind === 'segment' && event.from === segment.to && event.to === segment.from && event.relAck !== undefined && event.relAck > original.relSeq);
  return sentences(
    x.retransmitted(segment.from, what, segment.retransmitOf!, ms, unanswered),
    repeat !== undefined && repeat.attempt > 2 && x.retransmittedAgain(repeat.attempt),
  );
}

/** True while an accept() on `side` has been entered and has not returned. */
function acceptWaiting(events: readonly SessionEvent[], index: number, side: string): boolean {
  const waiting = new Set<string>();
  for (let i = 0; i < index; i += 1) {
    const event = events[i];
    if (event?.kind !== 'call' || event.side !== side || event.fn !== 'accept') continue;
    if (event.phase === 'enter') waiting.add(event.socket);
    else waiting.delete(event.socket);
  }
  return waiting.size > 0;
}

/** Bytes the program on `side` has taken out of its receive buffers before `index`. */
function bytesRead(events: readonly SessionEvent[], index: number, side: string): number {
  let read = 0;
  for (let i = 0; i < index; i += 1) {
    const event = events[i];
    if (event?.kind !== 'call' || event.side !== side || event.phase !== 'return') continue;
    if (event.fn !== 'recv' && event.fn !== 'recvfrom' && event.fn !== 'read') continue;
    read += Math.max(0, asNumber(event.result) ?? 0);
  }
  return read;
}

/** What a bare ACK acknowledges: the handshake, new bytes, a FIN; or nothing new. */
function explainAck(
  events: readonly SessionEvent[], index: number, segment: SegmentEvent, prior: SegmentEvent[], x: Explain,
): string[] {
  const { from, to, relAck } = segment;
  if (relAck === undefined) return [x.segment(from, segment.flags.join(', '))];
  const last = prior.at(-1);
  if (last && last.from === to && has(last, 'SYN') && has(last, 'ACK')) return [x.handshakeAck(from)];

  const mine = prior.filter((s) => s.from === from);
  const previousAck = Math.max(1, ...mine.map((s) => s.relAck ?? 0));
  const peerFin = prior.find((s) => s.from === to && has(s, 'FIN'));
  // A FIN takes one sequence number, after the bytes its segment carries.
  const finAckNumber = peerFin ? peerFin.relSeq + peerFin.len + 1 : undefined;
  const dataEnd = (ack: number) => (finAckNumber !== undefined && ack >= finAckNumber ? finAckNumber - 1 : ack);
  const newBytes = dataEnd(relAck) - dataEnd(previousAck);
  const finAckedNow = peerFin !== undefined && finAckNumber !== undefined && relAck >= finAckNumber && previousAck < finAckNumber;

  const parts: string[] = [];
  if (newBytes > 0) {
    parts.push(x.ackData(from, newBytes, relAck));
    if (bytesRead(events, index, from) < dataEnd(relAck) - 1) parts.push(x.notReadYet);
  }
  if (finAckedNow) {
    // Only captured times are measured; an inferred ACK is placed where the kernel's table showed it.
    const waited = segment.source !== 'inferred' && peerFin.source !== 'inferred' ? segment.t - peerFin.t : 0;
    const delayed = waited > DELAYED_ACK_US ? (waited / 1000).toFixed(0) : undefined;
    const closedFirst = mine.some((s) => has(s, 'FIN'));
    if (closedFirst) parts.push(x.finalAck(from, to), ...(delayed ? [x.delayedAck(delayed)] : []));
    else parts.push(delayed ? x.ackFinDelayed(from, to, delayed) : x.ackFin(from, to), x.halfClosed(from));
  }
  if (parts.length === 0) parts.push(x.ack(from, relAck));
  return parts;
}

// ---------------------------------------------------------------- UDP and ICMP

function explainDatagram(events: readonly SessionEvent[], index: number, datagram: DatagramEvent, x: Explain): string {
  const shown = preview(datagram.payload?.text, datagram.payload?.truncated);
  for (let i = 0; i < index; i += 1) {
    const other = events[i];
    if (other?.kind === 'datagram' && other.src === datagram.dst && other.dst === datagram.src) {
      return x.datagramReply(datagram.from, datagram.len, shown);
    }
  }
  return x.datagram(datagram.from, datagram.len, shown);
}

const ICMP_DEST_UNREACHABLE = 3;
const ICMP_PORT_UNREACHABLE = 3;

function explainIcmp(icmp: IcmpEvent, x: Explain): string {
  if (icmp.type !== ICMP_DEST_UNREACHABLE) return x.icmp(icmp.from, icmp.type, icmp.code);
  if (icmp.code !== ICMP_PORT_UNREACHABLE) return x.unreachable(icmp.from, icmp.code);
  return icmp.about
    ? x.portUnreachable(icmp.from, icmp.about.proto.toUpperCase(), icmp.about.dstPort)
    : x.portUnreachableUnknown(icmp.from);
}

// ---------------------------------------------------------------- socket calls

function explainCall(events: readonly SessionEvent[], index: number, call: CallEvent, x: Explain): string {
  const sentence = call.phase === 'error' ? callError(events, index, call, x) : call.phase === 'enter' ? callEnter(events, index, call, x) : callReturn(events, index, call, x);
  // Node's callbacks ('connection', 'data', 'message') fire when the call returns; other Node
  // calls are named where the call starts, or where it fails.
  const viaShown = call.phase !== 'return' || call.via.includes('.on(');
  return sentences(sentence, viaShown && call.via.length > 0 && call.via.length <= MAX_VIA_LENGTH && x.via(call.via));
}

function callEnter(events: readonly SessionEvent[], index: number, call: CallEvent, x: Explain): string {
  const args = call.args ?? {};
  const { side, socket } = call;
  switch (call.fn) {
    case 'socket': {
      const proto = args.type === 'SOCK_STREAM' ? 'TCP' : args.type === 'SOCK_DGRAM' ? 'UDP' : undefined;
      return x.socketEnter(side, proto);
    }
    case 'setsockopt': {
      const option = asString(args.option);
      if (!option) return x.callEnter(side, call.fn);
      if (option === 'SO_LINGER') {
        const value = `{ l_onoff ${String(args.onoff ?? '?')}, l_linger ${String(args.linger ?? '?')} }`;
        return sentences(x.setsockoptEnter(side, option, value), args.onoff === 1 && args.linger === 0 && x.lingerZero);
      }
      const value = String(args.value ?? '');
      return sentences(x.setsockoptEnter(side, option, value), option === 'SO_REUSEADDR' ? x.reuseAddr : x.optionEffect(option, value));
    }
    case 'bind': {
      if (args.port === 0) return x.bindAnyPort(side, socket);
      const at = endpoint(args.address, args.port);
      return at ? x.bindEnter(side, socket, at) : x.callEnter(side, call.fn);
    }
    case 'listen':
      return x.listenEnter(side, asNumber(args.backlog));
    case 'accept':
      return x.acceptEnter(side);
    case 'connect':
      return socketKind(events, index, socket) === 'udp'
        ? x.connectUdpEnter(side, endpoint(args.address, args.port))
        : x.connectEnter(side, endpoint(args.address, args.port));
    case 'send': {
      const data = asString(args.data);
      return x.sendEnter(side, asNumber(args.len) ?? data?.length, preview(data));
    }
    case 'sendto': {
      const data = asString(args.data);
      return x.sendtoEnter(side, asNumber(args.len) ?? data?.length, preview(data), asString(args.to));
    }
    case 'write': {
      const data = asString(args.data);
      return x.writeEnter(side, asNumber(args.len) ?? data?.length, preview(data));
    }
    case 'recv':
      return x.recvEnter(side);
    case 'read':
      return x.readEnter(side);
    case 'recvfrom':
      return x.recvfromEnter(side);
    case 'shutdown':
      return x.shutdownEnter(side);
    case 'close':
      switch (socketKind(events, index, socket)) {
        case 'connection': return closeConnection(events, index, side, socket, x);
        case 'listener': return x.closeListener(side, socket);
        case 'udp': return x.closeUdp(side, socket);
        case 'other': return x.closeOther(side, socket);
      }
      break;
    case 'getsockopt': {
      const option = asString(args.option);
      return option ? x.getsockoptEnter(side, option) : x.callEnter(side, call.fn);
    }
    default:
      return assertUnreachable(call.fn);
  }
  return x.callEnter(side, call.fn);
}

function callReturn(events: readonly SessionEvent[], index: number, call: CallEvent, x: Explain): string {
  const args = call.args ?? {};
  const result = call.result;
  const shownResult = result === undefined || result === null ? undefined : String(result);
  const generic = () => x.callReturn(call.fn, shownResult);
  switch (call.fn) {
    case 'socket':
      return x.socketReturn(call.socket, asNumber(result) ?? asNumber(args.fd));
    case 'setsockopt':
      return result === 0 ? x.setsockoptReturn : generic();
    case 'bind':
      return result === 0 || result === undefined || result === null
        ? x.bindReturn(asString(args.local) ?? boundTo(events, index, call.socket))
        : generic();
    case 'listen':
      return result === 0 || result === undefined || result === null ? x.listenReturn : generic();
    case 'accept': {
      const accepted = asString(result) ?? (asNumber(result) !== undefined ? `fd ${String(result)}` : undefined);
      return accepted ? x.acceptReturn(accepted, asString(args.peer)) : generic();
    }
    case 'connect':
      if (result !== 0 && result !== undefined && result !== null) return generic();
      return socketKind(events, index, call.socket) === 'udp' ? x.connectUdpReturn(asString(args.local)) : x.connectReturn(call.side, asString(args.local));
    case 'send':
      return shownResult === undefined ? generic() : x.sendReturn(shownResult);
    case 'sendto':
      return shownResult === undefined ? generic() : x.sendtoReturn(shownResult);
    case 'recv': {
      const n = asNumber(result);
      if (n === 0 || args.eof === true) return x.recvEof(finSenderTo(events, index, call.side));
      return n === undefined ? generic() : x.recvReturn(n, preview(asString(args.data)));
    }
    case 'recvfrom': {
      const n = asNumber(result);
      return n === undefined ? generic() : x.recvfromReturn(n, preview(asString(args.data)), asString(args.from));
    }
    case 'close':
      if (result !== 0 && result !== undefined && result !== null) return generic();
      return socketKind(events, index, call.socket) === 'connection' ? x.closeConnectionReturn(call.socket) : x.closeReturn(call.socket);
    case 'write':
      return shownResult === undefined ? generic() : x.writeReturn(shownResult);
    case 'read': {
      const n = asNumber(result);
      if (n === 0) return x.readEof;
      return n === undefined ? generic() : x.readReturn(n, preview(asString(args.data)));
    }
    case 'getsockopt':
      return getsockoptReturn(events, index, call, x) ?? generic();
    case 'shutdown':
      return generic();
    default:
      return assertUnreachable(call.fn);
  }
}

/** getsockopt() read back an option: what the kernel keeps, said against what setsockopt() asked for. */
function getsockoptReturn(events: readonly SessionEvent[], index: number, call: CallEvent, x: Explain): string | undefined {
  const entered = events.slice(0, index).findLast((event): event is CallEvent =>
    event.kind === 'call' && event.socket === call.socket && event.fn === 'getsockopt' && event.phase === 'enter');
  const option = asString(entered?.args?.option);
  const kept = asNumber(call.result);
  if (!option || kept === undefined) return undefined;
  const set = events.slice(0, index).findLast((event): event is CallEvent =>
    event.kind === 'call' && event.socket === call.socket && event.fn === 'setsockopt' && event.phase === 'enter' && event.args?.option === option);
  const asked = asNumber(set?.args?.value);
  return sentences(
    x.getsockoptReturn(option, String(kept)),
    asked !== undefined && kept === asked * 2 && x.getsockoptDoubled(asked),
    option === 'SO_REUSEADDR' && kept === 0 && x.getsockoptNoReuse,
  );
}

function callError(events: readonly SessionEvent[], index: number, call: CallEvent, x: Explain): string {
  switch (call.errno) {
    case 'ECONNREFUSED': {
      // Said from what reached this side: an RST (TCP) or an ICMP port unreachable (UDP), or neither seen.
      const cause = lastWireTo(events, index, call.side);
      if (cause?.kind === 'icmp' && cause.type === ICMP_DEST_UNREACHABLE) return x.refusedIcmp(call.fn);
      if (cause?.kind === 'segment' && has(cause, 'RST')) return x.refused(call.fn);
      return x.refusedUnseen(call.fn);
    }
    case 'ECONNRESET': return x.reset(call.fn);
    case 'EPIPE': return x.brokenPipe(call.fn);
    case 'EADDRINUSE': return x.addressInUse(call.fn);
    default: {
      const errno = call.errno ?? (call.result === undefined || call.result === null ? 'error' : String(call.result));
      return x.failed(call.fn, errno, call.message);
    }
  }
}

/** The address a bind() enter on `socket` asked for, if one came before. */
function boundTo(events: readonly SessionEvent[], index: number, socket: string): string | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'call' && event.socket === socket && event.fn === 'bind' && event.phase === 'enter') {
      return event.args?.port === 0 ? undefined : endpoint(event.args?.address, event.args?.port);
    }
  }
  return undefined;
}

/** Who sent the FIN that reached `side` last before `index`. */
function finSenderTo(events: readonly SessionEvent[], index: number, side: string): string | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'segment' && event.to === side && event.flags.includes('FIN')) return event.from;
  }
  return undefined;
}

/** The latest packet before `index` that reached `side`. */
function lastWireTo(events: readonly SessionEvent[], index: number, side: string): SegmentEvent | DatagramEvent | IcmpEvent | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (isWireEvent(event) && event.to === side) return event;
  }
  return undefined;
}

/** The TCP state `socket` was last seen in before `index`, if any. */
function stateBefore(events: readonly SessionEvent[], index: number, socket: string): TcpState | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'state' && event.socket === socket) return event.to;
  }
  return undefined;
}

/** States in which a socket has already sent its FIN. */
const FIN_SENT: ReadonlySet<TcpState> = new Set(['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'TIME-WAIT', 'LAST-ACK']);

/** close() on a connection: what its kernel will send depends on SO_LINGER and on what already happened. */
function closeConnection(events: readonly SessionEvent[], index: number, side: string, socket: string, x: Explain): string {
  const lingerZero = events.slice(0, index).some((event) => event.kind === 'call' && event.socket === socket && event.fn === 'setsockopt'
    && event.phase === 'enter' && event.args?.option === 'SO_LINGER' && event.args.onoff === 1 && event.args.linger === 0);
  if (lingerZero) return x.closeAbortive(side, socket);
  const state = stateBefore(events, index, socket);
  if (state === 'CLOSED') return x.closeGone(side, socket);
  if (state !== undefined && FIN_SENT.has(state)) return x.closeFinSent(side, socket);
  return x.closeConnection(side, socket);
}

type SocketKind = 'connection' | 'listener' | 'udp' | 'other';

/** What a socket is, from the calls made on it before `index`. */
function socketKind(events: readonly SessionEvent[], index: number, socket: string): SocketKind {
  let kind: SocketKind = 'other';
  for (let i = 0; i < index; i += 1) {
    const event = events[i];
    if (event?.kind !== 'call') continue;
    if (event.fn === 'accept' && event.phase === 'return' && event.result === socket) kind = 'connection';
    if (event.socket !== socket) continue;
    if (event.fn === 'listen') return 'listener';
    if (event.fn === 'socket' && event.args?.type === 'SOCK_DGRAM') return 'udp';
    if (event.fn === 'sendto' || event.fn === 'recvfrom') return 'udp';
    if (event.fn === 'connect' && event.phase === 'return') kind = 'connection';
  }
  return kind;
}

// ---------------------------------------------------------------- states, the kernel's table, notes

function explainState(state: StateEvent, x: Explain): string {
  const meaning = x.meanings[state.to];
  return state.source === 'kernel'
    ? x.stateKernel(state.side, state.socket, state.to, meaning)
    : x.state(state.side, state.socket, state.to, meaning);
}

/** At most this many remarks about queues after the table's summary. */
const MAX_QUEUE_REMARKS = 2;

function explainSockets(event: SocketsEvent, x: Explain): string {
  if (event.rows.length === 0) return x.socketsNone;
  const list = event.rows.map((row) => `${row.socket} ${row.state}`).join(', ');
  const remarks: string[] = [];
  for (const row of event.rows) {
    if (row.state === 'LISTEN') {
      if (row.recvQ > 0) remarks.push(x.acceptQueue(row.socket, row.recvQ));
      continue;
    }
    if (row.recvQ > 0) remarks.push(x.queued(row.socket, row.recvQ));
    if (row.sendQ > 0) remarks.push(x.unsent(row.socket, row.sendQ));
    if (row.drops) remarks.push(x.drops(row.socket, row.drops));
  }
  return sentences(x.sockets(event.rows.length, list), ...remarks.slice(0, MAX_QUEUE_REMARKS));
}

function explainNote(note: NoteEvent, x: Explain): string {
  switch (note.code) {
    case 'step-start':
      return note.step ? x.stepStart(note.step.index + 1, note.step.label) : note.text;
    case 'step-end':
      return note.step ? x.stepEnd(note.step.index + 1, note.step.label) : note.text;
    case 'capture':
      return note.level === 'info' ? x.captureOn : note.level === 'warn' ? x.captureOff : note.text;
    case 'network':
      return note.level === 'info' ? x.networkOwn : x.networkShared;
    case 'session-end':
      return x.sessionEnd;
    case 'session-start':
    case 'state-mismatch':
    case 'error':
      return note.text;
    default:
      return assertUnreachable(note.code);
  }
}
