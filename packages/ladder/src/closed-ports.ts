import type { SessionEvent } from '@sockscope/protocol';

/** The lane of a closed port is keyed apart from every side's name (`client`, `server`, an endpoint). */
const CLOSED_PREFIX = 'closed ';

export const closedLaneKey = (endpoint: string) => `${CLOSED_PREFIX}${endpoint}`;

function split(endpoint: string): { address: string; port: string } {
  const colon = endpoint.lastIndexOf(':');
  return { address: endpoint.slice(0, colon).replace(/^\[|\]$/g, ''), port: endpoint.slice(colon + 1) };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** `127.0.0.1:7007` is a socket's own when it was bound there, or to the same port on every address. */
function boundBy(bound: readonly string[], endpoint: string): boolean {
  const { address, port } = split(endpoint);
  return bound.some((own) => {
    const mine = split(own);
    return mine.port === port && (mine.address === address || WILDCARDS.has(mine.address));
  });
}

/**
 * Endpoints the kernel answered for want of any socket there: a TCP port whose only answer was
 * RST (it never sent SYN, ACK), or a port that ICMP port unreachable was about. What the events
 * show, nothing guessed: an endpoint one of the session's sockets was bound to (its bind calls,
 * the kernel's socket table) is never one, even if it sent RST (an abort, a full accept queue).
 * Fed event by event, so a ladder growing with new events looks at those only.
 */
export class ClosedPorts {
  readonly #answeredRst = new Set<string>();
  // Sending SYN (or SYN, ACK) shows a socket was there.
  readonly #opened = new Set<string>();
  readonly #bound = new Set<string>();

  add(event: SessionEvent): void {
    if (event.kind === 'segment') {
      if (event.flags.includes('SYN')) this.#opened.add(event.src);
      else if (event.flags.includes('RST')) this.#answeredRst.add(event.src);
    } else if (event.kind === 'icmp' && event.type === 3 && event.code === 3 && event.about) {
      this.#answeredRst.add(`${event.src}:${event.about.dstPort}`);
    } else if (event.kind === 'call' && event.fn === 'bind' && event.phase === 'enter' && event.args?.port !== undefined) {
      this.#bound.add(`${String(event.args.address ?? '')}:${String(event.args.port)}`);
    } else if (event.kind === 'sockets') {
      for (const row of event.rows) this.#bound.add(row.local);
    }
  }

  closed(): Set<string> {
    const bound = [...this.#bound];
    return new Set([...this.#answeredRst].filter((endpoint) => !this.#opened.has(endpoint) && !boundBy(bound, endpoint)));
  }
}

export function closedEndpoints(events: readonly SessionEvent[]): Set<string> {
  const ports = new ClosedPorts();
  for (const event of events) ports.add(event);
  return ports.closed();
}

/** The endpoint a packet left from: an ICMP error speaks for the port it is about. */
export function senderEndpoint(event: SessionEvent & { kind: 'segment' | 'datagram' | 'icmp' }): string {
  return event.kind === 'icmp' ? (event.about ? `${event.src}:${event.about.dstPort}` : event.src) : event.src;
}

export function receiverEndpoint(event: SessionEvent & { kind: 'segment' | 'datagram' | 'icmp' }): string {
  return event.kind === 'icmp' ? (event.about ? `${event.dst}:${event.about.srcPort}` : event.dst) : event.dst;
}

/**
 * What a lane's header writes under its name: a closed port on the listener's host as `:7009`
 * (the listener's header beside it gives the address), anything else in full.
 */
export function laneEndpoint(lane: { endpoint?: string; closed?: boolean }, lanes: readonly { endpoint?: string; closed?: boolean }[]): string | undefined {
  if (!lane.closed || !lane.endpoint) return lane.endpoint;
  const { address, port } = split(lane.endpoint);
  const sameHost = lanes.some((other) => !other.closed && other.endpoint && split(other.endpoint).address === address);
  return sameHost ? `:${port}` : lane.endpoint;
}
