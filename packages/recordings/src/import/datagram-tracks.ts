import { PacketMapper } from '@sockscope/analysis';
import type { DecodedPacket } from '@sockscope/wire';
import { TrackBuilder, type Lifeline } from './track-builder.ts';

/**
 * Adds a UDP datagram or an ICMP message to a track: mapped as a session maps captured ones
 * (statelessly, unlike segments), between the lifelines its addresses and ports name.
 */
export function addDatagram(track: TrackBuilder, mapper: PacketMapper, t: number, packet: DecodedPacket): void {
  // The problem was noted already; the mapper would draw a broken packet as a note instead.
  const mapped = mapper.map(t, packet.error === undefined ? packet : { ...packet, error: undefined });
  if (mapped?.kind === 'datagram') track.push({ ...mapped, from: mapped.src, to: mapped.dst });
  else if (mapped?.kind === 'icmp') track.push({ ...mapped, from: track.nameOf(mapped.src), to: track.nameOf(mapped.dst) });
}

/** One UDP flow (a pair of endpoints, both directions): the end that spoke first on the left. */
export function udpTrack(id: string, t: number, file: string, first: Lifeline, second: Lifeline): TrackBuilder {
  return new TrackBuilder(id, 'udp', `UDP ${first.name} ⇄ ${second.name}`, [{ ...first, role: 'client' }, { ...second, role: 'server' }], t, file);
}

/** ICMP between two addresses that is about no connection or flow of the capture. */
export function icmpTrack(id: string, t: number, file: string, first: string, second: string): TrackBuilder {
  return new TrackBuilder(id, 'icmp', `ICMP ${first} ⇄ ${second}`, [{ name: first, address: first }, { name: second, address: second }], t, file);
}
