import { PacketMapper } from '@sockscope/analysis';
import { MAX_LISTED_PROBLEMS, type BrokenPacket, type Recording } from '@sockscope/protocol';
import { CaptureReader, formatEndpoint, PacketDecoder, WireError, type CaptureRecord, type DecodedPacket } from '@sockscope/wire';
import { addDatagram, icmpTrack, udpTrack } from './datagram-tracks.ts';
import { TcpTrack, type TcpPacket } from './tcp-track.ts';
import type { TrackBuilder } from './track-builder.ts';

export interface ImportProgress {
  packets: number;
  /** Bytes of the file pushed so far. */
  bytes: number;
}

export interface CaptureImportOptions {
  /** The file's name as the recording shows it (not a path). */
  file: string;
  /** The recording's name; the file's name by default. */
  name?: string;
  /** ISO 8601; now by default. */
  createdAt?: string;
  /** Called after each chunk. */
  onProgress?(progress: ImportProgress): void;
}

export interface CaptureImport {
  recording: Recording;
  /** Every broken packet (the recording's header lists the first MAX_LISTED_PROBLEMS). */
  problems: BrokenPacket[];
}

/** The file is no capture at all (or an empty one): nothing was imported. */
export class CaptureImportError extends Error {
  override name = 'CaptureImportError';
}

const PCAPNG_MAGIC = [0x0a, 0x0d, 0x0d, 0x0a];

/** A pair of endpoints in either direction, as one key. */
function pairKey(proto: string, a: string, b: string): string {
  return a < b ? `${proto} ${a} ${b}` : `${proto} ${b} ${a}`;
}

/** Microseconds to an ISO date, if the timestamp is one a Date can hold. */
function isoDate(us: number): string | undefined {
  const ms = us / 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

/**
 * Imports a pcap or pcapng file fed in chunks of any size (from a stream, or from a Web Worker
 * reading a large file): decodes each packet with packages/wire, groups TCP connections (by
 * endpoints, a new SYN starting a new one), UDP flows (by endpoints, both directions) and ICMP
 * (into the connection or flow it is about, else by address pair), one track each. A broken
 * packet is listed (number, offset, reason) and the rest still imports; a file whose framing
 * breaks part way keeps what came before. Pure: no Node modules, so the page runs it too.
 */
export class CaptureImporter {
  readonly #reader = new CaptureReader();
  /** Decodes in file order, putting IP fragments back together. */
  readonly #decoder = new PacketDecoder();
  readonly #tracks: TrackBuilder[] = [];
  /** The current track of each endpoint pair. */
  readonly #byPair = new Map<string, TrackBuilder>();
  readonly #counts = { tcp: 0, udp: 0, icmp: 0 };
  readonly #mapper = new PacketMapper((address) => address);
  readonly #problems: BrokenPacket[] = [];
  readonly #linkTypes = new Set<number>();
  /** The file's first bytes, which tell pcapng from pcap. */
  readonly #head: number[] = [];
  #bytes = 0;
  #packets = 0;
  #unassigned = 0;
  #firstUs: number | undefined;
  /** Set when the framing broke: nothing after it can be read. */
  #stopped: WireError | undefined;

  constructor(private readonly options: CaptureImportOptions) {}

  push(chunk: Uint8Array): void {
    for (const byte of chunk.subarray(0, PCAPNG_MAGIC.length - this.#head.length)) this.#head.push(byte);
    this.#bytes += chunk.length;
    if (this.#stopped) return;
    let records: CaptureRecord[];
    try {
      records = this.#reader.push(chunk);
    } catch (error) {
      this.#stop(error);
      return;
    }
    for (const record of records) this.#add(record);
    this.options.onProgress?.({ packets: this.#packets, bytes: this.#bytes });
  }

  /** After the last chunk; throws CaptureImportError if the file is no capture or holds no packet. */
  end(): CaptureImport {
    if (!this.#stopped) {
      try {
        this.#reader.end();
      } catch (error) {
        this.#stop(error);
      }
    }
    // Fragments of datagrams never completed are listed with their first fragment's packet.
    this.#problems.push(...this.#decoder.finish());
    this.#problems.sort((a, b) => a.packet - b.packet);
    if (this.#packets === 0) {
      throw new CaptureImportError(this.#stopped ? this.#stopped.message : 'the capture holds no packets');
    }
    const { file } = this.options;
    const startedAt = isoDate(this.#firstUs ?? Number.NaN);
    const recording: Recording = {
      name: this.options.name ?? file,
      createdAt: this.options.createdAt ?? new Date().toISOString(),
      ...(startedAt !== undefined && { startedAt }),
      origin: {
        kind: 'capture', file, format: PCAPNG_MAGIC.every((byte, i) => this.#head[i] === byte) ? 'pcapng' : 'pcap', bytes: this.#bytes, packets: this.#packets,
        linkTypes: [...this.#linkTypes], unassigned: this.#unassigned, complete: this.#stopped === undefined,
        problemCount: this.#problems.length, problems: this.#problems.slice(0, MAX_LISTED_PROBLEMS),
      },
      tracks: this.#tracks.map((track) => track.track()),
    };
    return { recording, problems: this.#problems };
  }

  #stop(error: unknown): void {
    if (!(error instanceof WireError)) throw error;
    this.#stopped = error;
    if (this.#packets === 0) return;
    this.#problems.push({
      packet: error.packet ?? this.#packets + 1,
      ...(error.offset !== undefined && { offset: error.offset }),
      reason: `${error.message}; the file cannot be read past this point`,
    });
  }

  #add(record: CaptureRecord): void {
    this.#packets += 1;
    this.#linkTypes.add(record.linkType);
    this.#firstUs ??= record.tsUs;
    const t = Math.round((record.tsUs - this.#firstUs) * 1000) / 1000;
    const packet = this.#decoder.decode(record);
    const problem = record.error ?? packet.error;
    if (problem !== undefined) this.#problems.push({ packet: record.index, offset: record.offset, reason: problem });
    const track = this.#place(t, packet);
    if (!track) {
      this.#unassigned += 1;
      return;
    }
    if (problem !== undefined) track.note(t, 'warn', `Packet ${record.index} (offset ${record.offset}): ${problem}`);
    if (track instanceof TcpTrack && packet.tcp) track.add(t, packet as TcpPacket);
    else addDatagram(track, this.#mapper, t, packet);
  }

  /** The track a packet belongs to, opened if it is the first of its connection or flow. */
  #place(t: number, packet: DecodedPacket): TrackBuilder | undefined {
    const { network } = packet;
    if (!network) return undefined;
    const { file } = this.options;
    if (packet.tcp) {
      const src = formatEndpoint(network.src, packet.tcp.srcPort);
      const dst = formatEndpoint(network.dst, packet.tcp.dstPort);
      const key = pairKey('tcp', src, dst);
      const current = this.#byPair.get(key);
      if (current instanceof TcpTrack && !current.opensNewConnection(src, packet.tcp)) return current;
      return this.#open(key, new TcpTrack(`tcp-${++this.#counts.tcp}`, t, file,
        { name: src, address: network.src }, { name: dst, address: network.dst }, packet as TcpPacket));
    }
    if (packet.udp) {
      const src = formatEndpoint(network.src, packet.udp.srcPort);
      const dst = formatEndpoint(network.dst, packet.udp.dstPort);
      const key = pairKey('udp', src, dst);
      return this.#byPair.get(key) ?? this.#open(key, udpTrack(`udp-${++this.#counts.udp}`, t, file,
        { name: src, address: network.src }, { name: dst, address: network.dst }));
    }
    if (packet.icmp) {
      const quoted = packet.icmp.quoted;
      if (quoted?.srcPort !== undefined && quoted.dstPort !== undefined && (quoted.proto === 'tcp' || quoted.proto === 'udp')) {
        const about = this.#byPair.get(pairKey(quoted.proto, formatEndpoint(quoted.src, quoted.srcPort), formatEndpoint(quoted.dst, quoted.dstPort)));
        if (about) return about;
      }
      const key = pairKey('icmp', network.src, network.dst);
      return this.#byPair.get(key) ?? this.#open(key, icmpTrack(`icmp-${++this.#counts.icmp}`, t, file, network.src, network.dst));
    }
    return undefined;
  }

  #open(key: string, track: TrackBuilder): TrackBuilder {
    this.#byPair.set(key, track);
    this.#tracks.push(track);
    return track;
  }
}

/** Imports a whole capture held in memory. */
export function importCapture(bytes: Uint8Array, options: CaptureImportOptions): CaptureImport {
  const importer = new CaptureImporter(options);
  importer.push(bytes);
  return importer.end();
}
