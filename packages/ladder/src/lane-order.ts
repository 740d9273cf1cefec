import type { SessionEvent } from '@sockscope/protocol';
import { closedLaneKey, receiverEndpoint, senderEndpoint } from './closed-ports.ts';
import type { LadderLane } from './layout.ts';

/**
 * The lanes, left to right. A port where nothing listened takes a lane of its own between the
 * client and the server, so a refused connection is not drawn at the listener; a server that
 * nothing else was about (UDP to a closed port) then has no lane. Fed event by event, so a
 * ladder growing with new events looks at those only.
 */
export class LaneOrder {
  readonly #lanes = new Map<string, LadderLane>();
  #serverUsed = false;

  constructor(private readonly closed: ReadonlySet<string>) {
    this.#lane('client');
    for (const endpoint of closed) this.#lanes.set(closedLaneKey(endpoint), { side: closedLaneKey(endpoint), endpoint, sockets: [], closed: true });
    this.#lane('server');
  }

  #lane(side: string): LadderLane {
    let found = this.#lanes.get(side);
    if (!found) this.#lanes.set(side, (found = { side, sockets: [] }));
    return found;
  }

  add(event: SessionEvent): void {
    if (event.kind === 'segment' || event.kind === 'datagram' || event.kind === 'icmp') {
      for (const [side, endpoint] of [[event.from, senderEndpoint(event)], [event.to, receiverEndpoint(event)]] as const) {
        if (this.closed.has(endpoint)) continue;
        if (side === 'server') this.#serverUsed = true;
        if (event.kind !== 'icmp') this.#lane(side).endpoint ??= endpoint;
        else this.#lane(side);
      }
    } else if (event.kind === 'drop') {
      this.#lane(event.side);
      this.#serverUsed ||= event.side === 'server';
    } else if (event.kind === 'call' || event.kind === 'state') {
      const found = this.#lane(event.side);
      this.#serverUsed ||= event.side === 'server';
      if (event.kind === 'state' && !found.sockets.includes(event.socket)) found.sockets.push(event.socket);
      if (event.kind === 'call' && event.fn === 'bind' && event.phase === 'enter' && event.side === 'server') {
        found.endpoint ??= `${String(event.args?.address)}:${String(event.args?.port)}`;
      }
    }
  }

  /** Copies, each time: the layout writes its widest call into them. */
  lanes(): LadderLane[] {
    const lanes = [...this.#lanes.values()].map((lane) => ({ ...lane, sockets: [...lane.sockets] }));
    return !this.#serverUsed && this.closed.size > 0 ? lanes.filter((lane) => lane.side !== 'server') : lanes;
  }
}
