import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from './capture-record.ts';
import { readCapture } from './capture-reader.ts';
import { decodePacket } from './decode-packet.ts';
import { LINK_TYPES } from './link-layer.ts';
import { PacketDecoder } from './packet-decoder.ts';
import { TEST_CAPTURES } from './test-captures.ts';
import { ipv4, udpDatagram } from './test-fixtures.ts';

const DATAGRAM = udpDatagram({ srcPort: 7, dstPort: 9, payload: Uint8Array.from({ length: 100 }, (_, i) => i) });
const MORE = 0x2000;

/** A raw IPv4 fragment of DATAGRAM: `from` and `to` in bytes, a multiple of 8 but for the end. */
function fragment(index: number, from: number, to: number, options: { id?: number; src?: string } = {}): CaptureRecord {
  const last = to >= DATAGRAM.length;
  const data = ipv4({ src: options.src ?? '10.0.0.1', dst: '10.0.0.2', protocol: 17, fragmentField: (last ? 0 : MORE) | (from / 8), payload: DATAGRAM.subarray(from, to) });
  if (options.id !== undefined) new DataView(data.buffer).setUint16(4, options.id);
  return { index, offset: index * 100, tsUs: 0, linkType: LINK_TYPES.IPV4, capturedLength: data.length, originalLength: data.length, data };
}

const decodeAll = (decoder: PacketDecoder, records: CaptureRecord[]) => records.map((record) => decoder.decode(record));

describe('PacketDecoder', () => {
  it('decodes the UDP inside fragments once, with the fragment that completes the datagram, in any order', () => {
    const decoder = new PacketDecoder();
    const packets = decodeAll(decoder, [fragment(1, 48, 108), fragment(2, 0, 24), fragment(3, 24, 48)]);
    expect(packets.map((p) => p.udp?.payload.length)).toEqual([undefined, undefined, 100]);
    expect(packets[2]).toMatchObject({ network: { protocol: 17, payloadLength: 108, reassembledFrom: [2, 3, 1] }, udp: { srcPort: 7, dstPort: 9, length: 108 } });
    expect(packets[2]?.udp?.payload).toEqual(DATAGRAM.subarray(8));
    expect(packets.every((p) => p.error === undefined)).toBe(true);
    expect(decoder.finish()).toEqual([]);
  });

  it('keeps datagrams apart by source and id, and lists the ones never completed', () => {
    const decoder = new PacketDecoder();
    const packets = decodeAll(decoder, [fragment(1, 0, 48), fragment(2, 0, 48, { id: 7 }), fragment(3, 48, 108, { src: '10.0.0.9' }), fragment(4, 48, 108)]);
    expect(packets.map((p) => p.network?.reassembledFrom)).toEqual([undefined, undefined, undefined, [1, 4]]);
    expect(decoder.finish()).toEqual([
      { packet: 2, offset: 200, reason: 'incomplete IPv4 datagram 10.0.0.1 > 10.0.0.2 id 0x7 (protocol 17): fragment in packet 2, the capture ends before its other fragments' },
      { packet: 3, offset: 300, reason: 'incomplete IPv4 datagram 10.0.0.9 > 10.0.0.2 id 0x1234 (protocol 17): fragment in packet 3, the capture ends before its other fragments' },
    ]);
  });

  it('gives a datagram up after maxAgePackets packets, and the oldest past maxDatagrams', () => {
    const aged = new PacketDecoder({ maxDatagrams: 10, maxBytes: 1 << 20, maxAgePackets: 2 });
    decodeAll(aged, [fragment(1, 0, 48), fragment(4, 48, 108)]);
    expect(aged.finish().map((d) => [d.packet, d.reason.replace(/.*: /, '')])).toEqual([
      [1, 'fragment in packet 1, no other fragment completed it within 2 packets'],
      [4, 'fragment in packet 4, the capture ends before its other fragments'],
    ]);
    const crowded = new PacketDecoder({ maxDatagrams: 1, maxBytes: 1 << 20, maxAgePackets: 100 });
    const packets = decodeAll(crowded, [fragment(1, 0, 48, { id: 1 }), fragment(2, 0, 48, { id: 2 }), fragment(3, 48, 108, { id: 2 })]);
    expect(packets[2]?.udp).toBeDefined();
    expect(crowded.finish().map((d) => d.packet)).toEqual([1]);
  });

  it('decodes a lone fragment as decodePacket does when asked for no reassembly', () => {
    expect(decodePacket(LINK_TYPES.IPV4, fragment(1, 0, 48).data).udp).toMatchObject({ length: 108 });
  });

  it('reads Cisco HDLC frames on a link that says PPP, as Wireshark does', () => {
    const records = readCapture(new Uint8Array(readFileSync(`${TEST_CAPTURES}HDLC.pcap`)));
    const asHdlc = records.map((r) => decodePacket(r.linkType, r.data, r.originalLength));
    const asPpp = records.map((r) => decodePacket(LINK_TYPES.PPP, r.data, r.originalLength));
    expect(asHdlc.filter((p) => p.icmp !== undefined)).toHaveLength(10);
    expect(asPpp).toEqual(asHdlc);
    expect(decodePacket(LINK_TYPES.PPP, Uint8Array.from([0x00, 0x22, 0x45]))).toEqual({ truncated: false, error: 'PPP protocol field 0x0022 is not a PPP protocol' });
  });
});
