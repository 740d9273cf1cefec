import type { SessionEvent, SocketRow, SocketsEvent, StateEvent, TcpState } from '@sockscope/protocol';

/** The part of a ladder row these derivations need. */
export interface RowIds {
  eventIds: readonly number[];
}

/** Indexes into a session's events (drawing order) that the cursor's row stands for, both inclusive. */
export interface CursorSpan {
  start: number;
  end: number;
}

/**
 * What the cursor covers: its row's events and every undrawn event after them up to the next
 * row. The kernel's table is read at each step's end, after the step's last drawn event and
 * before the next step's first, so the cursor on a step's last row shows the table that step
 * left behind; one row earlier, the table from before. Null while the cursor is on no row.
 */
export function cursorSpan(events: readonly SessionEvent[], rows: readonly RowIds[], cursorRow: number): CursorSpan | null {
  if (cursorRow < 0 || cursorRow >= rows.length) return null;
  const indexById = new Map(events.map((event, index) => [event.id, index] as const));
  // A row's first event in drawing order: a call folded into one row has its enter before its return.
  const firstOf = (row: RowIds) => Math.min(...row.eventIds.map((id) => indexById.get(id) ?? Infinity));
  const previous = rows[cursorRow - 1];
  const next = rows[cursorRow + 1];
  const start = previous ? firstOf(rows[cursorRow]!) : 0;
  const end = next ? firstOf(next) - 1 : events.length - 1;
  return { start: Math.min(start, end), end };
}

export type SocketField = keyof SocketRow;
const COMPARED: readonly SocketField[] = ['local', 'remote', 'state', 'recvQ', 'sendQ', 'drops'];

export interface TableRow {
  row: SocketRow;
  /** Fields that differ from the previous reading; every field of a socket that is new in this one. */
  changed: ReadonlySet<SocketField>;
  /** Absent from the previous reading. */
  isNew: boolean;
}

export interface KernelTable {
  reading: SocketsEvent;
  /** The step whose end the reading was taken at. */
  step?: { index: number; label: string };
  rows: TableRow[];
  /** Sockets the previous reading listed and this one does not: the kernel has let them go. */
  gone: SocketRow[];
}

/** The latest reading of the kernel's socket table at or before `position`, compared with the reading before it. */
export function kernelTableAt(events: readonly SessionEvent[], position: number): KernelTable | null {
  let readingAt = -1;
  for (let index = Math.min(position, events.length - 1); index >= 0; index -= 1) {
    if (events[index]?.kind === 'sockets') {
      readingAt = index;
      break;
    }
  }
  if (readingAt < 0) return null;
  const reading = events[readingAt] as SocketsEvent;
  let previous: SocketsEvent | undefined;
  let step: KernelTable['step'];
  for (let index = readingAt - 1; index >= 0 && (!previous || !step); index -= 1) {
    const event = events[index];
    if (!previous && event?.kind === 'sockets') previous = event;
    if (!step && event?.kind === 'note' && event.code === 'step-start' && event.step) step = event.step;
  }
  const before = new Map(previous?.rows.map((row) => [row.socket, row] as const));
  const rows = reading.rows.map((row): TableRow => {
    const old = before.get(row.socket);
    const changed = new Set(COMPARED.filter((field) => (old ? old[field] !== row[field] : row[field] !== undefined)));
    return { row, changed, isNew: !old };
  });
  const now = new Set(reading.rows.map((row) => row.socket));
  const gone = previous ? previous.rows.filter((row) => !now.has(row.socket)) : [];
  return { reading, ...(step && { step }), rows, gone };
}

export interface SocketStateAt {
  /** CLOSED before the socket's first state change: RFC 9293's state of a connection that does not exist yet. */
  state: TcpState;
  /** The state change that led there, the latest at or before the cursor. */
  transition?: StateEvent;
  /** Its index in the events: at or after the cursor span's start, it happened on the cursor's row. */
  at?: number;
  /**
   * The transition came with an RST (sent or received by its side, the latest segment before
   * it; a listener is never reset, it is closed): a reset, which RFC 9293's figure leaves out, not the figure's arrow between the same
   * two states (SYN-SENT → CLOSED there is the program's CLOSE, not "rcv RST").
   */
  byReset?: boolean;
}

/** A TCP socket's state at `position`, and the transition that brought it there. */
export function socketStateAt(events: readonly SessionEvent[], position: number, socket: string): SocketStateAt {
  for (let index = Math.min(position, events.length - 1); index >= 0; index -= 1) {
    const event = events[index];
    if (event?.kind === 'state' && event.socket === socket) {
      return { state: event.to, transition: event, at: index, ...(event.to === 'CLOSED' && event.from !== 'LISTEN' && resetBefore(events, index, event.side) && { byReset: true }) };
    }
  }
  return { state: 'CLOSED' };
}

/** Whether the latest segment its side sent or received before `index` was an RST. */
function resetBefore(events: readonly SessionEvent[], index: number, side: string): boolean {
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === 'segment' && (event.from === side || event.to === side)) return event.flags.includes('RST');
  }
  return false;
}

export interface TcpSocket {
  socket: string;
  side: string;
  /** Listens: its Recv-Q is the accept queue. */
  listener: boolean;
}

/**
 * The session's TCP sockets in order of first appearance: every socket with a TCP state, or a
 * TCP row in the kernel's table. UDP sockets have no TCP states and are left out.
 */
export function tcpSockets(events: readonly SessionEvent[]): TcpSocket[] {
  const found = new Map<string, TcpSocket>();
  const add = (socket: string, side: string, listener: boolean) => {
    const known = found.get(socket);
    if (known) known.listener ||= listener;
    else found.set(socket, { socket, side, listener });
  };
  for (const event of events) {
    if (event.kind === 'state') add(event.socket, event.side, event.to === 'LISTEN');
    else if (event.kind === 'sockets') {
      for (const row of event.rows) if (row.proto === 'tcp') add(row.socket, row.side, row.state === 'LISTEN');
    }
  }
  return [...found.values()];
}

/**
 * The socket an event belongs to, when it has one: that of a call, a state or a drop; for a TCP
 * segment, its sender's, found by its addresses in the kernel's table (the table names each
 * socket with its local and remote address).
 */
export function socketOf(event: SessionEvent | undefined, events: readonly SessionEvent[]): string | undefined {
  if (!event) return undefined;
  if (event.kind === 'call' || event.kind === 'state' || event.kind === 'drop') return event.socket;
  if (event.kind !== 'segment') return undefined;
  for (const reading of events) {
    if (reading.kind !== 'sockets') continue;
    const row = reading.rows.find((candidate) => candidate.proto === 'tcp' && candidate.local === event.src && candidate.remote === event.dst);
    if (row) return row.socket;
  }
  return undefined;
}

/** The socket the state diagram shows: the one chosen if it is a TCP socket, else the client's first, else the first. */
export function diagramSocket(sockets: readonly TcpSocket[], chosen: string | undefined): string | undefined {
  if (chosen !== undefined && sockets.some((candidate) => candidate.socket === chosen)) return chosen;
  return (sockets.find((candidate) => candidate.socket === 'c1') ?? sockets.find((candidate) => candidate.side === 'client') ?? sockets[0])?.socket;
}
