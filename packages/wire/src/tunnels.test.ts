import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from './capture-reader.ts';
import type { Tunnel } from './decoded-packet.ts';
import { PacketDecoder } from './packet-decoder.ts';
import { TEST_CAPTURES } from './test-captures.ts';

/** The tunnels of each capture's first tunnelled packet, read by hand with `tshark -V`. */
const FIRST_TUNNELS: Record<string, Tunnel[]> = {
  'vxlan.pcap': [{ kind: 'vxlan', vni: 100, outerSrc: '192.168.203.1', outerDst: '192.168.202.1' }],
  'geneve-gcp.pcap': [{ kind: 'geneve', vni: 0, outerSrc: '192.168.100.254', outerDst: '192.168.100.3' }],
  'zeek-gre-sample.pcap': [{ kind: 'gre', outerSrc: '172.27.1.66', outerDst: '66.59.109.137' }],
  'zeek-gre-pptp.pcap': [
    { kind: 'ip-in-ip', outerSrc: '2402:f000:1:8e01::5555', outerDst: '2607:fcd0:100:2300::b108:2a6b' },
    { kind: 'gre', key: 6016, outerSrc: '16.0.0.200', outerDst: '192.52.166.154' },
  ],
  'zeek-erspanII.pcap': [{ kind: 'erspan', session: 100, outerSrc: '2.2.2.2', outerDst: '1.1.1.1' }],
  'zeek-erspanIII.pcap': [{ kind: 'erspan', session: 0, outerSrc: '10.0.0.1', outerDst: '10.0.0.2' }],
  'zeek-gtp7_ipv6.pcap': [{ kind: 'gtp-u', teid: 2436252775, outerSrc: '118.92.124.41', outerDst: '118.92.124.72' }],
  'zeek-gtp_ext_header.pcap': [{ kind: 'gtp-u', teid: 1050199, outerSrc: '10.155.148.149', outerDst: '10.155.148.157' }],
  'zeek-6in6in6.pcap': [
    { kind: 'ip-in-ip', outerSrc: 'feed::beef', outerDst: 'feed::cafe' },
    { kind: 'ip-in-ip', outerSrc: 'babe::beef', outerDst: 'dead::babe' },
  ],
};

describe.each(Object.entries(FIRST_TUNNELS))('%s', (name, tunnels) => {
  it('records the tunnels around the inner packet, outermost first', () => {
    const decoder = new PacketDecoder();
    const packets = readCapture(new Uint8Array(readFileSync(TEST_CAPTURES + name))).map((record) => decoder.decode(record));
    expect(packets.find((p) => p.tunnels !== undefined)?.tunnels).toEqual(tunnels);
    expect(packets.filter((p) => p.error !== undefined)).toEqual([]);
  });
});
