import type { NewEvent } from '@sockscope/protocol';

/**
 * Whether a packet is of the kind a `--drop` rule names: TCP flags as Wireshark lists them
 * (`SYN`, `SYN, ACK`, `FIN, ACK`), `UDP` for a datagram, `ICMP`. Spacing and case do not matter.
 */
export function matchesDropRule(rule: string, event: NewEvent): boolean {
  const wanted = normalise(rule);
  if (event.kind === 'datagram') return wanted === 'UDP';
  if (event.kind === 'icmp') return wanted === 'ICMP';
  if (event.kind !== 'segment') return false;
  return normalise(event.flags.join(',')) === wanted || (wanted === 'DATA' && event.len > 0);
}

function normalise(flags: string): string {
  return flags.toUpperCase().split(/[\s,]+/).filter(Boolean).join(',');
}
