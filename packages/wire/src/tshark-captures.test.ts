import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from './capture-reader.ts';
import type { DecodedPacket, TunnelKind } from './decoded-packet.ts';
import { PacketDecoder } from './packet-decoder.ts';
import { TEST_CAPTURES as CAPTURES } from './test-captures.ts';
import { runTshark, type TsharkFrame } from './test-tshark.ts';

const FILES = readdirSync(CAPTURES).filter((name) => /\.pcap(ng)?$/.test(name)).sort();
const OVER_UDP = new Set<TunnelKind>(['vxlan', 'geneve', 'gtp-u']);

/**
 * The layers tshark shows outside any ICMP error: the header an ICMP error quotes is not a
 * packet of its own, so its TCP or UDP counts for neither.
 */
function ownLayers(frame: TsharkFrame): string[] {
  const icmp = frame.protocols.findIndex((p) => p === 'icmp' || p === 'icmpv6');
  return icmp === -1 ? frame.protocols : frame.protocols.slice(0, icmp);
}

/**
 * Frames where sockscope differs from tshark on purpose. tshark shows the fields of a TCP or UDP
 * header cut short by the capture; sockscope lists the packet as broken instead. tshark cannot
 * size an IPv6 BIG TCP segment without a jumbo option; sockscope takes its length from the frame.
 */
const DIFFERENT: Record<string, { frame: number; ours: Partial<DecodedPacket> }> = {
  'tcp_header_heapoverflow.pcap': { frame: 1, ours: { error: 'TCP header truncated: 12 of 20 bytes captured' } },
  'udp-length-heapoverflow.pcap': { frame: 1, ours: { error: 'UDP header truncated: 4 of 8 bytes captured' } },
  'bigtcp-ipv6.pcap': { frame: 1, ours: { tcp: expect.objectContaining({ payloadLength: 79_968 }) } },
};

const last = (values: string[]): string | undefined => values[values.length - 1];

/** What tshark and sockscope say of one frame, in the same terms. */
function summary(packet: DecodedPacket | TsharkFrame) {
  if ('protocols' in packet) {
    const layers = ownLayers(packet);
    const ip = layers.lastIndexOf('ip') > layers.lastIndexOf('ipv6') ? 'ip' : 'ipv6';
    const tcp = layers.includes('tcp');
    const udp = layers.includes('udp');
    const inner = layers.includes(ip) ? `${last(packet.fields[`${ip}.src`])} > ${last(packet.fields[`${ip}.dst`])}` : undefined;
    return {
      tcp, udp, inner: tcp || udp ? inner : undefined,
      ports: tcp ? `${last(packet.fields['tcp.srcport'])} > ${last(packet.fields['tcp.dstport'])} len ${last(packet.fields['tcp.len'])}`
        : udp && layers[layers.length - 1] !== 'udp' && !layers.slice(layers.lastIndexOf('udp') + 1).includes(ip) ? `${last(packet.fields['udp.srcport'])} > ${last(packet.fields['udp.dstport'])}` : undefined,
    };
  }
  const udp = packet.udp !== undefined || (packet.tunnels ?? []).some((t) => OVER_UDP.has(t.kind));
  const tcp = packet.tcp !== undefined;
  return {
    tcp, udp, inner: tcp || udp ? `${packet.network?.src} > ${packet.network?.dst}` : undefined,
    ports: packet.tcp ? `${packet.tcp.srcPort} > ${packet.tcp.dstPort} len ${packet.tcp.payloadLength}`
      : packet.udp ? `${packet.udp.srcPort} > ${packet.udp.dstPort}` : undefined,
  };
}

describe.each(FILES)('%s', (name) => {
  it('has the TCP and UDP packets tshark -r shows, frame by frame (innermost addresses, ports, TCP length)', () => {
    const tshark = runTshark(CAPTURES + name);
    const bytes = new Uint8Array(readFileSync(CAPTURES + name));
    if ('refused' in tshark) {
      expect(() => readCapture(bytes), tshark.refused).toThrow();
      return;
    }
    const decoder = new PacketDecoder();
    const packets = readCapture(bytes).map((record) => decoder.decode(record));
    const different = DIFFERENT[name];
    const compared = (_: unknown, i: number) => i + 1 !== different?.frame;
    expect(packets.map(summary).filter(compared)).toEqual(tshark.frames.map(summary).filter(compared));
    if (different !== undefined) expect(packets[different.frame - 1]).toMatchObject(different.ours);
  });
});
