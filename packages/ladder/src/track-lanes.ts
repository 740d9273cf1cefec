import type { RecordedTrack, SessionEvent, TrackSide } from '@sockscope/protocol';

export type Lane = 'client' | 'server';

/**
 * Which lane each side of a track takes: the ladder draws `client` on the left and `server` on
 * the right, and words its arrows and sentences that way. A session's sides are named so
 * already; an imported capture's are named by endpoint and carry the role the import found
 * (who sent the SYN, who spoke first). A side without one (ICMP between two addresses) takes
 * its place in the header's order.
 */
export function lanesOf(sides: readonly TrackSide[]): Map<string, Lane> {
  const lanes = new Map<string, Lane>();
  for (const side of sides) if (side.role && ![...lanes.values()].includes(side.role)) lanes.set(side.name, side.role);
  for (const side of sides) {
    if (lanes.has(side.name)) continue;
    const free = (['client', 'server'] as const).find((lane) => ![...lanes.values()].includes(lane));
    if (free) lanes.set(side.name, free);
  }
  return lanes;
}

/** Sockets named by their endpoint (an imported capture's) take the short names a session gives them. */
const SOCKET_NAMES: Record<Lane, string> = { client: 'c1', server: 's1' };

function renamed(event: SessionEvent, lane: (side: string) => string, socket: (name: string) => string): SessionEvent {
  switch (event.kind) {
    case 'segment':
    case 'datagram':
    case 'icmp': {
      const from = lane(event.from);
      const to = lane(event.to);
      return from === event.from && to === event.to ? event : { ...event, from, to };
    }
    case 'call':
    case 'state':
    case 'drop': {
      const side = lane(event.side);
      const name = socket(event.socket);
      return side === event.side && name === event.socket ? event : { ...event, side, socket: name };
    }
    default:
      return event;
  }
}

/**
 * The track's events with each side named by its lane, and each socket named by an endpoint
 * given a session's short name (`c1`, `s1`: an endpoint is too long to write beside every
 * state). The endpoints stay in `src` and `dst`, and the header's sides say which is which,
 * so nothing the file said is lost. A track already on its lanes (a session's) is returned as
 * it is, without copying its events.
 */
export function onLanes(track: RecordedTrack): RecordedTrack {
  const lanes = lanesOf(track.sides);
  if ([...lanes].every(([name, lane]) => name === lane)) return track;
  const lane = (side: string) => lanes.get(side) ?? side;
  const socket = (name: string) => {
    const found = lanes.get(name);
    return found ? SOCKET_NAMES[found] : name;
  };
  return { ...track, events: track.events.map((event) => renamed(event, lane, socket)) };
}
