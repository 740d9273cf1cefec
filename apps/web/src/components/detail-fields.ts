import { formatDuration } from '@sockscope/ladder';
import { scaledWindow, type CallEvent, type SegmentEvent, type SessionEvent } from '@sockscope/protocol';
import type { Messages } from '../messages.ts';

/** One line of the detail: a field's name and its value, as the page's language says them. */
export interface DetailRow {
  key: string;
  name: string;
  value: string;
  /** Written as code (a Node call, arguments): read as notation, not as words. */
  code?: boolean;
}

/** Fields the rows below say otherwise (or the header already says). */
const SAID_ELSEWHERE = new Set(['id', 't', 'kind', 'source', 'payload', 'seq', 'ack', 'relSeq', 'relAck', 'options', 'win', 'via']);
/** Fields whose value is a side: said as the ladder says it (클라이언트, 서버). */
const SIDE_FIELDS = new Set(['side', 'from', 'to']);

const ms = (us: number) => `${(us / 1000).toFixed(3)} ms`;

/**
 * A call's two ends: the enter and the return (or error) of the same call on the same socket,
 * whichever of them `event` is. A call still blocked has no exit yet.
 */
export function callSpan(event: CallEvent, events: readonly SessionEvent[]): { enter?: CallEvent; exit?: CallEvent } {
  const same = (other: SessionEvent): other is CallEvent =>
    other.kind === 'call' && other.side === event.side && other.socket === event.socket && other.fn === event.fn;
  const at = events.findIndex((other) => other.id === event.id);
  if (event.phase === 'enter') {
    const exit = events.slice(at + 1).find((other) => same(other));
    return exit && exit.phase !== 'enter' ? { enter: event, exit } : { enter: event };
  }
  const enter = events.slice(0, Math.max(0, at)).reverse().find((other) => same(other));
  return enter?.phase === 'enter' ? { enter, exit: event } : { exit: event };
}

function valueText(name: string, value: unknown, event: SessionEvent, text: Messages): string {
  if (SIDE_FIELDS.has(name) && event.kind !== 'state' && (value === 'client' || value === 'server')) return text.ladder[value];
  // Flags as Wireshark writes them: "SYN, ACK".
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, inner]) => `${key}=${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`).join(', ');
  }
  return String(value);
}

/** When a call was entered and returned, how long it blocked, and what it returned or failed with. */
function callRows(event: CallEvent, events: readonly SessionEvent[], text: Messages): DetailRow[] {
  const { enter, exit } = callSpan(event, events);
  const words = text.detail.call;
  const rows: DetailRow[] = [];
  if (enter) rows.push({ key: 'entered', name: words.entered, value: ms(enter.t) });
  if (exit) rows.push({ key: 'exited', name: exit.phase === 'error' ? words.failedAt : words.returnedAt, value: ms(exit.t) });
  else rows.push({ key: 'exited', name: words.returnedAt, value: words.stillWaiting });
  if (enter && exit) rows.push({ key: 'blocked', name: words.blocked, value: formatDuration(exit.t - enter.t) });
  if (exit?.phase === 'error') rows.push({ key: 'outcome', name: words.errno, value: exit.errno ?? exit.message ?? '' });
  else if (exit && exit.result !== undefined) rows.push({ key: 'outcome', name: words.result, value: String(exit.result) });
  return rows;
}

/** Everything recorded about an event, in the page's language: its time, both numberings, a call's span, every other field. */
export function detailRows(event: SessionEvent, events: readonly SessionEvent[], text: Messages): DetailRow[] {
  const name = (field: string) => text.detail.fieldName(field, event.kind);
  const rows: DetailRow[] = [{ key: 't', name: name('t'), value: ms(event.t) }];
  if (event.kind === 'segment') {
    rows.push({ key: 'seq', name: 'seq', value: `${event.relSeq} (${text.detail.relative})${event.seq !== undefined ? ` · ${event.seq} (${text.detail.absolute})` : ''}` });
    if (event.relAck !== undefined || event.ack !== undefined) {
      rows.push({ key: 'ack', name: 'ack', value: `${event.relAck ?? '—'} (${text.detail.relative})${event.ack !== undefined ? ` · ${event.ack} (${text.detail.absolute})` : ''}` });
    }
    const window = scaledWindow(event, events.filter((candidate): candidate is SegmentEvent => candidate.kind === 'segment'));
    if (window) rows.push({ key: 'win', name: text.detail.window, value: window.scale === 0 ? text.detail.windowBytes(window.bytes) : text.detail.windowScaled(window.raw, window.scale, window.bytes) });
    if (event.options) rows.push({ key: 'options', name: text.detail.options, value: optionsText(event.options) });
  }
  if (event.kind === 'state') rows.push({ key: 'transition', name: text.detail.transition, value: `${event.from} → ${event.to}` });
  if (event.kind === 'call') {
    rows.push(...callRows(event, events, text));
    rows.push({ key: 'via', name: text.detail.via, value: event.via, code: true });
  }
  for (const [field, value] of Object.entries(event)) {
    if (SAID_ELSEWHERE.has(field) || value === undefined) continue;
    rows.push({ key: field, name: name(field), value: valueText(field, value, event, text), code: typeof value === 'object' && value !== null && !Array.isArray(value) });
  }
  return rows;
}

function optionsText(options: NonNullable<Extract<SessionEvent, { kind: 'segment' }>['options']>): string {
  const parts: string[] = [];
  if (options.mss !== undefined) parts.push(`MSS ${options.mss}`);
  if (options.wscale !== undefined) parts.push(`wscale ${options.wscale}`);
  if (options.sackOk) parts.push('SACK permitted');
  if (options.ts) parts.push(`TS val ${options.ts.val} ecr ${options.ts.ecr}`);
  if (options.sack) parts.push(`SACK ${options.sack.map(([left, right]) => `${left}-${right}`).join(' ')}`);
  return parts.join(' · ');
}
