import { z } from 'zod';

export const Source = z.enum(['traced', 'captured', 'kernel', 'inferred']);
export type Source = z.infer<typeof Source>;

/** RFC 9293's names for TCP states. */
export const TCP_STATES = [
  'CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2',
  'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT',
] as const;
export const TcpState = z.enum(TCP_STATES);
export type TcpState = z.infer<typeof TcpState>;

/** TCP flags in the order Wireshark prints them. */
export const TCP_FLAGS = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'] as const;
export const TcpFlag = z.enum(TCP_FLAGS);
export type TcpFlag = z.infer<typeof TcpFlag>;

/**
 * What Wireshark's sequence analysis calls a segment that does not simply carry the next bytes
 * (tcp.analysis.retransmission, .fast_retransmission, .spurious_retransmission, .out_of_order,
 * .keep_alive); a fast or spurious retransmission is a retransmission too.
 */
export const SEGMENT_ANALYSES = ['retransmission', 'fast-retransmission', 'spurious-retransmission', 'out-of-order', 'keep-alive'] as const;
export const SegmentAnalysis = z.enum(SEGMENT_ANALYSES);
export type SegmentAnalysis = z.infer<typeof SegmentAnalysis>;

export const BERKELEY_CALLS = [
  'socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'sendto', 'recvfrom',
  'shutdown', 'close', 'setsockopt', 'getsockopt', 'read', 'write',
] as const;
export const BerkeleyCall = z.enum(BERKELEY_CALLS);
export type BerkeleyCall = z.infer<typeof BerkeleyCall>;

/** `client`, `server`, or a named endpoint (`address:port` for an imported capture). */
const Side = z.string().min(1).max(64);
/** `address:port`, e.g. `127.0.0.1:40522` or `[::1]:80`. */
const Endpoint = z.string().min(1).max(64);
const Uint32 = z.number().int().min(0).max(0xffffffff);
const Count = z.number().int().min(0);
const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const Payload = z.object({
  /** Printable preview: bytes outside printable ASCII shown as `.`. */
  text: z.string(),
  /** The same bytes as lowercase hex, no separators. */
  hex: z.string().regex(/^([0-9a-f]{2})*$/),
  /** True when the preview holds fewer bytes than the packet carried. */
  truncated: z.boolean(),
});
export type Payload = z.infer<typeof Payload>;

export const TcpOptions = z.object({
  mss: Count.optional(),
  wscale: Count.optional(),
  sackOk: z.boolean().optional(),
  ts: z.object({ val: Uint32, ecr: Uint32 }).optional(),
  sack: z.array(z.tuple([Uint32, Uint32])).optional(),
});
export type TcpOptions = z.infer<typeof TcpOptions>;

const common = {
  /** 1-based order of arrival in the session's log; used to resume and to deduplicate. */
  id: z.number().int().positive(),
  /** Microseconds since the session's start, every source on one clock. Draw by `t`, not by `id`. */
  t: z.number().finite(),
  source: Source,
};

/** A packet on the wire (WireEvent): the sides it goes between and its addresses there. */
const ends = (address: z.ZodString) => ({ from: Side, to: Side, src: address, dst: address });
/** About one socket: the side it belongs to and its name there. */
const socketOnSide = { side: Side, socket: z.string().min(1) };
/** Set when *hold the wire* held the packet: the number a deliver or drop names it by (see DeliveryEvent). */
const held = { hold: z.object({ packet: Count }).optional() };

export const CallEvent = z.object({
  ...common,
  kind: z.literal('call'),
  ...socketOnSide,
  fn: BerkeleyCall,
  phase: z.enum(['enter', 'return', 'error']),
  args: z.record(z.string(), JsonScalar).optional(),
  result: JsonScalar.optional(),
  errno: z.string().optional(),
  message: z.string().optional(),
  /** What performed it: the Node call (`server.listen()`) or the Python program's line (`python: conn.recv(1024)`). */
  via: z.string(),
  /** The line of the Python program that made the call (1-based); absent for Node's calls. */
  line: z.number().int().positive().optional(),
});

export const SegmentEvent = z.object({
  ...common,
  kind: z.literal('segment'),
  ...ends(Endpoint),
  flags: z.array(TcpFlag),
  /** Absolute sequence number; absent when inferred (the kernel's ISN is unknown then). */
  seq: Uint32.optional(),
  /** Absolute acknowledgement number, present when ACK is set and known. */
  ack: Uint32.optional(),
  relSeq: Uint32,
  relAck: Uint32.optional(),
  len: Count,
  win: Count.optional(),
  options: TcpOptions.optional(),
  payload: Payload.optional(),
  /**
   * Set on a retransmission: the id of the earlier segment that first sent its first sequence
   * number (same direction). Absent when that segment is not in the log (see `analysis`).
   */
  retransmitOf: z.number().int().positive().optional(),
  /** Set when Wireshark's analysis marks the segment; absent on an ordinary one (and in older recordings). */
  analysis: SegmentAnalysis.optional(),
  ...held,
});

export const DatagramEvent = z.object({
  ...common,
  kind: z.literal('datagram'),
  ...ends(Endpoint),
  len: Count,
  payload: Payload.optional(),
  ...held,
});

export const IcmpEvent = z.object({
  ...common,
  kind: z.literal('icmp'),
  ...ends(z.string()),
  type: Count,
  code: Count,
  /** What the ICMP error is about: the quoted datagram's protocol and ports. */
  about: z.object({ proto: z.enum(['tcp', 'udp']), srcPort: Count, dstPort: Count }).optional(),
  ...held,
});

/**
 * With *hold the wire* on, every packet stops in the kernel's queue as it leaves its sender:
 * the segment, datagram or ICMP event (with `hold`) is logged then, and this event when the
 * packet was delivered to its receiver or dropped, `heldUs` later. Why: a user's choice, the
 * session's automatic delay, a drop rule (`--drop`), or the session's end.
 */
export const DeliveryEvent = z.object({
  ...common,
  kind: z.literal('delivery'),
  source: z.literal('traced'),
  of: z.number().int().positive(),
  verdict: z.enum(['delivered', 'dropped']),
  heldUs: z.number().min(0),
  by: z.enum(['user', 'delay', 'rule', 'session-end']),
});

export const StateEvent = z.object({
  ...common,
  kind: z.literal('state'),
  ...socketOnSide,
  from: TcpState,
  to: TcpState,
});

export const SocketRow = z.object({
  ...socketOnSide,
  proto: z.enum(['tcp', 'udp']),
  local: Endpoint,
  remote: Endpoint,
  /** RFC 9293 state; for UDP `UNCONN` (not connected) or `ESTABLISHED` (connected). */
  state: z.union([TcpState, z.literal('UNCONN')]),
  /** Bytes waiting to be read; for a listener, the accept queue's length. */
  recvQ: Count,
  sendQ: Count,
  /** UDP's drop counter. */
  drops: Count.optional(),
});
export type SocketRow = z.infer<typeof SocketRow>;

export const SocketsEvent = z.object({
  ...common,
  kind: z.literal('sockets'),
  source: z.literal('kernel'),
  rows: z.array(SocketRow),
});

/**
 * Packets the kernel dropped, shown where it counted them: a UDP socket's drop counter
 * (`/proc/net/udp`, receive buffer full), or TCP's listen-queue overflows (`/proc/net/netstat`,
 * accept queue full; counted per network namespace: exact in a session's own, else the whole
 * machine's, where other programs' drops would show too).
 */
export const DropEvent = z.object({
  ...common,
  kind: z.literal('drop'),
  source: z.literal('kernel'),
  ...socketOnSide,
  reason: z.enum(['receive-buffer-full', 'accept-queue-full']),
  count: z.number().int().positive(),
});

export const NOTE_CODES = [
  'session-start', 'step-start', 'step-end', 'capture', 'network', 'state-mismatch', 'session-end', 'error',
] as const;

export const NoteEvent = z.object({
  ...common,
  kind: z.literal('note'),
  code: z.enum(NOTE_CODES),
  level: z.enum(['info', 'warn', 'error']),
  text: z.string(),
  step: z.object({ index: Count, label: z.string() }).optional(),
});

export const SessionEvent = z.discriminatedUnion('kind', [
  CallEvent, SegmentEvent, DatagramEvent, IcmpEvent, StateEvent, SocketsEvent, DropEvent, DeliveryEvent, NoteEvent,
]);

export type CallEvent = z.infer<typeof CallEvent>;
export type SegmentEvent = z.infer<typeof SegmentEvent>;
export type DatagramEvent = z.infer<typeof DatagramEvent>;
export type IcmpEvent = z.infer<typeof IcmpEvent>;
export type StateEvent = z.infer<typeof StateEvent>;
export type SocketsEvent = z.infer<typeof SocketsEvent>;
export type NoteEvent = z.infer<typeof NoteEvent>;
export type DropEvent = z.infer<typeof DropEvent>;
export type DeliveryEvent = z.infer<typeof DeliveryEvent>;
export type SessionEvent = z.infer<typeof SessionEvent>;
export type EventKind = SessionEvent['kind'];
export type WireEvent = SegmentEvent | DatagramEvent | IcmpEvent;

/** A packet on the wire (captured, held or inferred), as opposed to a call, a state or a note. */
export function isWireEvent<E extends { kind: string }>(event: E | undefined): event is E & { kind: WireEvent['kind'] } {
  return event !== undefined && (event.kind === 'segment' || event.kind === 'datagram' || event.kind === 'icmp');
}

/**
 * The drawing order: by time, then by arrival. Sources are on one clock but arrive in any order
 * (a capture's packets after the call that caused them), so `id` alone is not the order.
 */
export function byDrawingOrder(a: Pick<SessionEvent, 't' | 'id'>, b: Pick<SessionEvent, 't' | 'id'>): number {
  return a.t - b.t || a.id - b.id;
}

/** Distributes Omit over a union, so each variant keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the session log numbers it. */
export type NewEvent = DistributiveOmit<SessionEvent, 'id'>;

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
