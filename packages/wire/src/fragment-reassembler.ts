import type { NetworkLayer } from './decoded-packet.ts';

/** Bounds on what the reassembler holds; a datagram past them is given up and listed. */
export interface ReassemblyLimits {
  /** Datagrams awaiting fragments at once. */
  maxDatagrams: number;
  /** Bytes of fragments held in all. */
  maxBytes: number;
  /** Packets read after a datagram's first fragment before it is given up. */
  maxAgePackets: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = { maxDatagrams: 1024, maxBytes: 16 * 1024 * 1024, maxAgePackets: 10_000 };

/** Where a packet sits in the capture, to list a problem with. */
export interface PacketPlace {
  packet: number;
  /** Byte offset of its record in the file. */
  offset: number;
}

/** A datagram some of whose fragments were captured but never all. */
export interface IncompleteDatagram extends PacketPlace {
  reason: string;
}

/** One fragment's share of its datagram, as captured. */
export interface FragmentPiece {
  network: NetworkLayer & { fragment: NonNullable<NetworkLayer['fragment']> };
  /** The first header of the datagram's payload (IPv4 protocol; IPv6 Fragment header's next header). */
  nextHeader: number;
  /** The captured bytes of the share; shorter than `length` when the snaplen cut it. */
  bytes: Uint8Array;
  /** The share's length by the IP header. */
  length: number;
}

export interface ReassembledDatagram {
  /** The datagram's payload, after all IP headers up to and including the Fragment header. */
  data: Uint8Array;
  nextHeader: number;
  /** The fragments' packet numbers, in offset order. */
  packets: number[];
  /** A fragment that runs past the datagram's end, which its last fragment sets. */
  problem?: string;
}

interface Pending {
  first: PacketPlace;
  label: string;
  nextHeader: number;
  pieces: { offset: number; bytes: Uint8Array; packet: number }[];
  /** Set once the fragment without More Fragments came: the datagram's payload length. */
  total?: number;
  /** Why it cannot be completed, if a share was cut short by the snaplen. */
  cut?: number;
  bytes: number;
}

/**
 * Puts IPv4 and IPv6 fragments back together, keyed as RFC 791 and RFC 8200 say (source,
 * destination, protocol or first next header, identification), so the transport header inside
 * is decoded once, with the fragment that completes the datagram, as Wireshark does. Memory is
 * bounded: a datagram still incomplete `maxAgePackets` packets after its first fragment, or the
 * oldest when more than `maxDatagrams` or `maxBytes` are held, is given up and listed.
 */
export class FragmentReassembler {
  readonly #pending = new Map<string, Pending>();
  readonly #givenUp: IncompleteDatagram[] = [];
  #bytes = 0;

  constructor(private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS) {}

  /** Adds a fragment; returns the datagram if this fragment completed it. */
  add(place: PacketPlace, piece: FragmentPiece): ReassembledDatagram | undefined {
    this.#expire(place.packet);
    const { network, nextHeader } = piece;
    const { id, offset, moreFragments } = network.fragment;
    const key = `${network.version} ${network.src} ${network.dst} ${nextHeader} ${id}`;
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      const label = `IPv${network.version} datagram ${network.src} > ${network.dst} id 0x${id.toString(16)} (protocol ${nextHeader})`;
      pending = { first: place, label, nextHeader, pieces: [], bytes: 0 };
      this.#pending.set(key, pending);
    }
    // A record may share memory with the chunk it came in, which the reader reuses: keep a copy.
    pending.pieces.push({ offset, bytes: piece.bytes.slice(), packet: place.packet });
    pending.bytes += piece.bytes.length;
    this.#bytes += piece.bytes.length;
    if (piece.bytes.length < piece.length) pending.cut ??= place.packet;
    if (!moreFragments) pending.total = offset + piece.length;
    const whole = pending.cut === undefined ? assemble(pending) : undefined;
    if (whole !== undefined) this.#forget(key, pending);
    else this.#bound();
    return whole;
  }

  /**
   * Every datagram given up so far, and those still awaiting fragments, ordered by first
   * fragment; call once the capture has ended.
   */
  finish(): IncompleteDatagram[] {
    for (const [key, pending] of this.#pending) this.#giveUp(key, pending, 'the capture ends before its other fragments');
    return this.#givenUp.sort((a, b) => a.packet - b.packet);
  }

  #expire(packet: number): void {
    for (const [key, pending] of this.#pending) {
      if (packet - pending.first.packet <= this.limits.maxAgePackets) return;
      this.#giveUp(key, pending, `no other fragment completed it within ${this.limits.maxAgePackets} packets`);
    }
  }

  #bound(): void {
    for (const [key, pending] of this.#pending) {
      if (this.#pending.size <= this.limits.maxDatagrams && this.#bytes <= this.limits.maxBytes) return;
      const limit = `${this.limits.maxDatagrams} datagrams or ${this.limits.maxBytes} bytes`;
      this.#giveUp(key, pending, `given up to hold no more than ${limit} of fragments`);
    }
  }

  #giveUp(key: string, pending: Pending, why: string): void {
    const packets = pending.pieces.length === 1 ? `fragment in packet ${pending.first.packet}` : `fragments in packets ${pending.pieces.map((piece) => piece.packet).join(', ')}`;
    const cut = pending.cut === undefined ? '' : `; packet ${pending.cut} was cut short by the snaplen`;
    this.#givenUp.push({ ...pending.first, reason: `incomplete ${pending.label}: ${packets}, ${why}${cut}` });
    this.#forget(key, pending);
  }

  #forget(key: string, pending: Pending): void {
    this.#pending.delete(key);
    this.#bytes -= pending.bytes;
  }
}

/**
 * The payload if the fragments cover it from 0 to the end without a gap. Where they overlap,
 * the fragment that came first wins, as in Wireshark's reassembly.
 */
function assemble(pending: Pending): ReassembledDatagram | undefined {
  const { total } = pending;
  if (total === undefined) return undefined;
  const pieces = [...pending.pieces].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const piece of pieces) {
    if (piece.offset > covered) return undefined;
    covered = Math.max(covered, piece.offset + piece.bytes.length);
  }
  if (covered < total) return undefined;
  const data = new Uint8Array(total);
  for (const piece of [...pending.pieces].reverse()) data.set(piece.bytes.subarray(0, Math.max(total - piece.offset, 0)), piece.offset);
  const datagram: ReassembledDatagram = { data, nextHeader: pending.nextHeader, packets: pieces.map((piece) => piece.packet) };
  const past = pieces.find((piece) => piece.offset + piece.bytes.length > total);
  if (past !== undefined) {
    datagram.problem = `the fragment in packet ${past.packet} runs past byte ${total}, where the datagram's last fragment ends it`;
  }
  return datagram;
}
