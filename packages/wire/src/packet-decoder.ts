import type { CaptureRecord } from './capture-record.ts';
import { decodeFrame } from './decode-packet.ts';
import type { DecodedPacket } from './decoded-packet.ts';
import { FragmentReassembler, type IncompleteDatagram, type ReassemblyLimits } from './fragment-reassembler.ts';

/**
 * Decodes the records of one capture in order, as decodePacket does, and also puts IP fragments
 * back together: a fragment that leaves its datagram incomplete has only its IP layer, and the
 * one that completes it carries the whole datagram's transport layer (`network.reassembledFrom`
 * lists the fragments), as Wireshark shows it.
 */
export class PacketDecoder {
  readonly #fragments: FragmentReassembler;

  constructor(limits?: ReassemblyLimits) {
    this.#fragments = new FragmentReassembler(limits);
  }

  decode(record: CaptureRecord): DecodedPacket {
    const place = { packet: record.index, offset: record.offset };
    return decodeFrame(record.linkType, record.data, record.originalLength, { fragments: this.#fragments, place });
  }

  /** After the last record: every datagram whose fragments never all came, by its first fragment. */
  finish(): IncompleteDatagram[] {
    return this.#fragments.finish();
  }
}
