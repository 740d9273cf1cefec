import {
  assertUnreachable, type CallEvent, type Payload, type SegmentEvent, type SessionEvent, type SocketRow,
} from '@sockscope/protocol';
import type { Messages } from './messages.ts';

/** Microseconds since the session's start, as milliseconds with microsecond precision. */
export function formatTimeMs(tUs: number, text: Messages): string {
  return text.events.timeMs((tUs / 1000).toFixed(3));
}

/** One readable line per event, in the notation of strace, Wireshark and ss. */
export function summarizeEvent(event: SessionEvent, text: Messages): string {
  switch (event.kind) {
    case 'call':
      return summarizeCall(event, text);
    case 'segment':
      return `${event.from} → ${event.to}  ${segmentLabel(event)}`;
    case 'datagram':
      return `UDP ${event.from} → ${event.to} len=${event.len}${quotedPayload(event.payload)}`;
    case 'icmp': {
      const about = event.about ? ` (${event.about.proto} ${event.about.srcPort} → ${event.about.dstPort})` : '';
      return `ICMP ${event.from} → ${event.to} type=${event.type} code=${event.code}${about}`;
    }
    case 'state':
      return `${event.socket}: ${event.from} → ${event.to}`;
    case 'sockets': {
      const rows = event.rows.length > 0 ? event.rows.map(socketRow).join(' · ') : text.events.noSockets;
      return `${text.events.sockets}: ${rows}`;
    }
    case 'note':
      return event.text;
    default:
      return assertUnreachable(event);
  }
}

/** Wireshark's label: flags as they come, then relative numbers: `PSH, ACK seq=1 ack=1 len=5`. */
function segmentLabel(segment: SegmentEvent): string {
  const flags = segment.flags.length > 0 ? segment.flags.join(', ') : '<None>';
  const ack = segment.relAck !== undefined ? ` ack=${segment.relAck}` : '';
  const len = segment.len > 0 ? ` len=${segment.len}` : '';
  return `${flags} seq=${segment.relSeq}${ack}${len}`;
}

/** `server: accept() → s2`, `client: connect(127.0.0.1:7007)`, `client: connect() → ECONNREFUSED (…)`. */
function summarizeCall(call: CallEvent, text: Messages): string {
  const head = `${call.side}: ${call.fn}`;
  switch (call.phase) {
    case 'enter':
      return `${head}(${callArguments(call.args ?? {}).join(', ')})`;
    case 'return': {
      if (call.result === undefined || call.result === null) return `${head}() ${text.events.returned}`;
      return `${head}() → ${[String(call.result), ...returnedValues(call.args ?? {}, text)].join(' ')}`;
    }
    case 'error':
      return `${head}() → ${call.errno ?? String(call.result)}${call.message ? ` (${call.message})` : ''}`;
    default:
      return assertUnreachable(call.phase);
  }
}

type CallArgs = NonNullable<CallEvent['args']>;

/** The buffer first, as C passes it; an address and port as one endpoint; the rest in order. */
function callArguments(args: CallArgs): string[] {
  const { data, address, port, ...rest } = args;
  const values: string[] = [];
  if (typeof data === 'string') values.push(JSON.stringify(data));
  if (address !== undefined && port !== undefined) values.push(endpoint(String(address), String(port)));
  for (const value of Object.values(rest)) values.push(String(value));
  return values;
}

/** What a receive brought back; descriptors and addresses wait for the inspector. */
function returnedValues(args: CallArgs, text: Messages): string[] {
  const values: string[] = [];
  if (typeof args.from === 'string') values.push(`${text.events.from} ${args.from}`);
  if (typeof args.data === 'string') values.push(JSON.stringify(args.data));
  if (args.eof === true) values.push(`(${text.events.endOfStream})`);
  return values;
}

function endpoint(address: string, port: string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function quotedPayload(payload: Payload | undefined): string {
  if (!payload) return '';
  return ` ${JSON.stringify(payload.text)}${payload.truncated ? '…' : ''}`;
}

/** ss's columns, squeezed: `s2 tcp ESTABLISHED 127.0.0.1:7007 ⇄ 127.0.0.1:40522 recvQ=5`. */
function socketRow(row: SocketRow): string {
  const unconnected = /:(0|\*)$/.test(row.remote);
  const queues = [
    row.recvQ > 0 ? ` recvQ=${row.recvQ}` : '',
    row.sendQ > 0 ? ` sendQ=${row.sendQ}` : '',
    row.drops ? ` drops=${row.drops}` : '',
  ].join('');
  return `${row.socket} ${row.proto} ${row.state} ${row.local}${unconnected ? '' : ` ⇄ ${row.remote}`}${queues}`;
}
