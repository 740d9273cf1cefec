import type { CallEvent, Choice, ChoiceKey, ScenarioStep, SegmentEvent, SessionEvent } from '@sockscope/protocol';

/*
 * The meanings a "What happens next?" choice can have, which of them an event makes true, and
 * what TCP or UDP could plausibly do at a given point (the alternatives). Pure.
 */

export type Proto = 'tcp' | 'udp';

const choice = (key: ChoiceKey, side?: string, fn?: CallEvent['fn'], errno?: string): Choice => ({
  key, ...(side !== undefined && { side }), ...(fn !== undefined && { fn }), ...(errno !== undefined && { errno }),
});

export const sameChoice = (a: Choice, b: Choice) => a.key === b.key && a.side === b.side && a.fn === b.fn && a.errno === b.errno;

const RETRANSMISSIONS = new Set(['retransmission', 'fast-retransmission', 'spurious-retransmission']);

function segmentKind(segment: SegmentEvent): ChoiceKey {
  const flags = new Set(segment.flags);
  if (flags.has('RST')) return 'rst';
  if (flags.has('SYN')) return flags.has('ACK') ? 'syn-ack' : 'syn';
  if (flags.has('FIN')) return 'fin';
  return segment.len > 0 ? 'data' : 'ack';
}

/**
 * Every choice the event makes true, the one that says it best first; none when the event is
 * not one a question is about (a call entered, a state, a note, a call whose return says
 * nothing new, such as bind() returning 0).
 */
export function truthsOf(event: SessionEvent, proto: Proto): Choice[] {
  switch (event.kind) {
    case 'segment': {
      const kind = segmentKind(event);
      const plain = [choice(kind, event.from), ...(kind === 'fin' && event.len > 0 ? [choice('data', event.from)] : [])];
      const again = event.retransmitOf !== undefined || (event.analysis !== undefined && RETRANSMISSIONS.has(event.analysis));
      return again ? [choice('retransmission', event.from), ...plain] : plain;
    }
    case 'datagram':
      return [choice('datagram', event.from)];
    case 'icmp':
      return [choice(event.type === 3 && event.code === 3 ? 'icmp-unreachable' : 'icmp', event.from)];
    case 'drop':
      return [choice('drop', event.side)];
    case 'call':
      return callTruths(event, proto);
    default:
      return [];
  }
}

function callTruths(call: CallEvent, proto: Proto): Choice[] {
  if (call.phase === 'error') return [choice('error', call.side, call.fn, call.errno)];
  if (call.phase !== 'return') return [];
  switch (call.fn) {
    case 'accept': return [choice('accepted', call.side)];
    // A UDP connect() only records the peer's address: its return is no news.
    case 'connect': return proto === 'tcp' ? [choice('connected', call.side)] : [];
    case 'recv': case 'read': return [call.result === 0 ? choice('eof', call.side) : choice('received', call.side, call.fn)];
    case 'recvfrom': return [choice('received', call.side, 'recvfrom')];
    default: return [];
  }
}

/** A call that has been entered and has not returned: it may return next. */
export interface Waiting {
  side: string;
  fn: CallEvent['fn'];
  /** Its socket is still connecting (SYN-SENT): an RST refuses it rather than resets it. */
  connecting: boolean;
}

/** What a step that shows nothing else did: its call waits, or nothing happens at all. */
export function quietTruths(waiting: Waiting | undefined): Choice[] {
  return waiting ? [choice('blocks', waiting.side, waiting.fn), choice('nothing')] : [choice('nothing')];
}

const PACKET_KEYS: ReadonlySet<ChoiceKey> = new Set(['syn', 'syn-ack', 'ack', 'data', 'fin', 'rst']);

/** Two choices that one event could make true together; a question never offers both. */
export function overlap(a: Choice, b: Choice): boolean {
  if (sameChoice(a, b)) return true;
  const keys = new Set([a.key, b.key]);
  if (keys.has('blocks') && keys.has('nothing')) return true;
  if (a.side !== b.side) return false;
  if (keys.has('retransmission') && (PACKET_KEYS.has(a.key) || PACKET_KEYS.has(b.key))) return true;
  return keys.has('fin') && keys.has('data');
}

const other = (side: string) => (side === 'client' ? 'server' : side === 'server' ? 'client' : side);

/** What a blocked call could do next: return with what it waited for, or fail after an RST. */
function returnsOf(waiting: readonly Waiting[], afterRst: boolean): Choice[] {
  return waiting.flatMap(({ side, fn, connecting }): Choice[] => {
    if (afterRst) return [choice('error', side, fn, connecting ? 'ECONNREFUSED' : 'ECONNRESET')];
    switch (fn) {
      case 'accept': return [choice('accepted', side)];
      case 'connect': return [choice('connected', side)];
      case 'recv': case 'read': return [choice('received', side, fn), choice('eof', side)];
      case 'recvfrom': return [choice('received', side, 'recvfrom')];
      default: return [];
    }
  });
}

/** The situation a question is asked in. */
export interface Situation {
  proto: Proto;
  /** Calls entered and not returned at the cursor. */
  waiting: readonly Waiting[];
  /** Sides whose last segment offered a window of 0. */
  closedWindows: ReadonlySet<string>;
  /** Sides with a socket in SYN-SENT. */
  connecting: ReadonlySet<string>;
}

/** What could follow `event` (the last thing that happened in this step), most plausible first. */
export function poolAfterEvent(truth: Choice, situation: Situation): Choice[] {
  const a = truth.side ?? 'client';
  const b = other(a);
  const waitingOf = (side: string) => situation.waiting.filter((call) => call.side === side);
  switch (truth.key) {
    case 'syn':
      return [choice('syn-ack', b), choice('rst', b), choice('nothing'), choice('drop', b), choice('retransmission', a)];
    case 'syn-ack':
      return [choice('ack', b), choice('rst', b), ...returnsOf(situation.waiting, false), choice('retransmission', a)];
    case 'data':
      return [choice('ack', b), choice('data', a), choice('rst', b), ...returnsOf(waitingOf(b), false)];
    case 'fin':
      return [choice('ack', b), choice('fin', b), ...returnsOf(waitingOf(b), false), choice('rst', b)];
    case 'rst':
      return [...returnsOf(waitingOf(b), true), choice('nothing'), choice('rst', b), choice('ack', b)];
    case 'retransmission':
      return [choice('ack', b), choice('syn-ack', b), choice('retransmission', a), choice('nothing')];
    case 'datagram':
      // An RST is TCP's answer, not UDP's: a student who expects one has a point to learn.
      return [...returnsOf(waitingOf(b), false), choice('icmp-unreachable', b), choice('nothing'), choice('rst', b), choice('datagram', a), choice('drop', b)];
    case 'drop':
      return [choice('retransmission', b), choice('nothing'), choice('rst', a)];
    case 'ack':
      return [...returnsOf(situation.waiting, false), choice('data', a), choice('ack', b), choice('nothing')];
    default:
      return [...returnsOf(situation.waiting, false), choice('nothing'), ...(situation.proto === 'tcp' ? [choice('ack', b)] : [choice('datagram', b)])];
  }
}

/** What a step's call could cause first, most plausible first (the program's call, the socket's state). */
export function poolForStep(step: ScenarioStep | undefined, situation: Situation): Choice[] {
  if (!step) return [...returnsOf(situation.waiting, false), choice('nothing')];
  const s = step.side;
  const tcp = situation.proto === 'tcp';
  switch (step.op) {
    // A listener made again on a port still held (TIME-WAIT) fails at bind().
    case 'listen': return [choice('nothing'), choice('syn', s), ...(step.reuseaddr === false ? [choice('error', s, 'bind', 'EADDRINUSE')] : [])];
    case 'accept': return [choice('blocks', s, 'accept'), choice('accepted', s), choice('syn-ack', s)];
    case 'connect': return tcp ? [choice('syn', s), choice('connected', s), choice('nothing')] : [choice('nothing'), choice('syn', s), choice('datagram', s)];
    // Two programs report on their own: the peer's waiting recv() may be heard of before the data is.
    case 'send': return [
      choice('data', s), choice('error', s, step.via === 'fd' ? 'write' : 'send', 'EPIPE'), choice('nothing'),
      ...returnsOf(situation.waiting.filter((call) => call.side !== s), false),
    ];
    case 'recv': {
      const fn = step.via === 'fd' ? 'read' : 'recv';
      // A receiver whose full queue had closed its window announces the room it makes first.
      const update = situation.closedWindows.has(s) ? [choice('ack', s)] : [];
      return [choice('received', s, fn), ...update, choice('blocks', s, fn), choice('eof', s), choice('error', s, fn, 'ECONNRESET')];
    }
    case 'recvfrom': return [choice('received', s, 'recvfrom'), choice('blocks', s, 'recvfrom'), choice('error', s, 'recvfrom', 'ECONNREFUSED')];
    case 'sendto': return [choice('datagram', s), choice('nothing'), choice('error', s, 'sendto', 'ECONNREFUSED')];
    case 'shutdown': return [choice('fin', s), choice('rst', s), choice('nothing')];
    case 'close':
      if (!tcp) return [choice('nothing'), choice('fin', s), choice('datagram', s)];
      if (step.socket === 'listener') return [choice('nothing'), choice('rst', s), choice('fin', s)];
      return step.linger === 0 ? [choice('rst', s), choice('fin', s), choice('nothing')] : [choice('fin', s), choice('rst', s), choice('nothing')];
    case 'wait': {
      // The program sleeps; its kernel works on: it sends again what is unanswered (a full queue drops it, or the peer answers at last), or probes a closed window.
      const again = [...situation.connecting].flatMap((side) => [choice('retransmission', side), choice('drop', other(side)), choice('syn-ack', other(side))]);
      const probes = [...situation.closedWindows].map((side) => choice('ack', other(side)));
      return [choice('nothing'), ...again, ...probes, choice('retransmission', other(s))];
    }
    case 'socket':
    case 'bind':
    case 'setsockopt':
      return [choice('nothing'), choice('datagram', s)];
    default:
      return [choice('nothing')];
  }
}

/** Still offered when the situation suggests too few: at least one of them is not the answer. */
export function fallbacks(proto: Proto): Choice[] {
  return proto === 'tcp' ? [choice('nothing'), choice('rst', 'server'), choice('syn', 'client')] : [choice('nothing'), choice('datagram', 'server'), choice('icmp-unreachable', 'server')];
}
