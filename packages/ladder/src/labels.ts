import type { CallEvent, SegmentEvent, SessionEvent } from '@sockscope/protocol';

/**
 * Wireshark's label: flags as they come, then relative numbers: `PSH, ACK seq=1 ack=1 len=5`.
 * A closed window is the lesson of its segment, so it is said on the arrow: `ACK seq=1 ack=9 win=0`.
 */
function segmentLabel(segment: SegmentEvent): string {
  const flags = segment.flags.length > 0 ? segment.flags.join(', ') : '<None>';
  const ack = segment.relAck !== undefined ? ` ack=${segment.relAck}` : '';
  const len = segment.len > 0 ? ` len=${segment.len}` : '';
  const closed = segment.win === 0 && !segment.flags.includes('RST') ? ' win=0' : '';
  return `${flags} seq=${segment.relSeq}${ack}${len}${closed}`;
}

/** The label an arrow carries, as Wireshark writes it: `SYN, ACK seq=0 ack=1`, `UDP len=5`. */
export function wireLabel(event: SessionEvent): string {
  switch (event.kind) {
    case 'segment':
      return segmentLabel(event);
    case 'datagram':
      return `UDP len=${event.len}`;
    case 'icmp':
      return event.type === 3 && event.code === 3 ? 'ICMP port unreachable' : `ICMP type=${event.type} code=${event.code}`;
    default:
      return '';
  }
}

function shortArgs(call: CallEvent): string {
  const args = call.args ?? {};
  switch (call.fn) {
    case 'bind':
    case 'connect':
      return args.address !== undefined ? `${String(args.address)}:${String(args.port)}` : '';
    case 'listen':
      return args.backlog !== undefined ? String(args.backlog) : '';
    case 'setsockopt':
      return String(args.option ?? '');
    case 'send':
    case 'sendto':
    case 'write':
      return args.len !== undefined ? String(args.len) : '';
    default:
      return '';
  }
}

/** `bind(127.4.5.6:7007)`, `listen(511)`, `recv()`. */
export function callLabel(call: CallEvent): string {
  return `${call.fn}(${shortArgs(call)})`;
}

/** What a call came back with: `→ 5`, `→ s2`, `✕ ECONNREFUSED`. */
export function resultLabel(call: CallEvent): string {
  if (call.phase === 'error') return `✕ ${call.errno ?? 'error'}`;
  if (call.phase !== 'return' || call.result === undefined || call.result === null) return '';
  if (call.fn === 'socket') return `→ fd ${String(call.result)}`;
  return `→ ${String(call.result)}`;
}
