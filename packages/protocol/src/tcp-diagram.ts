import type { TcpState } from './events.ts';

/**
 * RFC 9293's state diagram (its figure 5) as data: the states each state can go to by the
 * figure's arrows, plus FIN-WAIT-1 → TIME-WAIT (the peer's FIN and the ACK of our own FIN in one
 * segment, which the figure leaves out). A reset, from any state to CLOSED, is always possible.
 */
export const TCP_TRANSITIONS: Readonly<Record<TcpState, readonly TcpState[]>> = {
  'CLOSED': ['LISTEN', 'SYN-SENT'],
  'LISTEN': ['SYN-RECEIVED', 'SYN-SENT', 'CLOSED'],
  'SYN-RECEIVED': ['ESTABLISHED', 'FIN-WAIT-1', 'LISTEN'],
  'SYN-SENT': ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'],
  'ESTABLISHED': ['FIN-WAIT-1', 'CLOSE-WAIT'],
  'FIN-WAIT-1': ['FIN-WAIT-2', 'CLOSING', 'TIME-WAIT'],
  'FIN-WAIT-2': ['TIME-WAIT'],
  'CLOSE-WAIT': ['LAST-ACK'],
  'CLOSING': ['TIME-WAIT'],
  'LAST-ACK': ['CLOSED'],
  'TIME-WAIT': ['CLOSED'],
};

/**
 * Whether a socket in `from` can come to `to` by following the diagram (one arrow or several,
 * as a kernel reading taken a moment later may show), or by a reset. A reading that would take
 * it back (FIN-WAIT-2 to FIN-WAIT-1) was taken before the segment that moved it on.
 */
export function isForward(from: TcpState, to: TcpState): boolean {
  if (to === 'CLOSED') return true;
  const seen = new Set<TcpState>([from]);
  const queue: TcpState[] = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const state of TCP_TRANSITIONS[next]) {
      if (state === to) return true;
      // A connection that reached CLOSED is over: its socket does not open again.
      if (!seen.has(state) && state !== 'CLOSED') {
        seen.add(state);
        queue.push(state);
      }
    }
  }
  return false;
}
