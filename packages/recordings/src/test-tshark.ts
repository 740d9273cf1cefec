// Test-only: reads a capture with tshark (Wireshark's own dissectors) to compare with what
// sockscope makes of it. Uses Node, so nothing outside tests may import it.
import { spawnSync } from 'node:child_process';
import type { SegmentAnalysis } from '@sockscope/protocol';

export interface TsharkSegment {
  frame: number;
  stream: number;
  src: string;
  dst: string;
  /** Flags as Wireshark names them, in sockscope's order. */
  flags: string[];
  seq: number;
  ack?: number;
  relSeq: number;
  relAck?: number;
  len: number;
  /** What Wireshark's sequence analysis marks it as, in sockscope's words; absent when nothing. */
  analysis?: SegmentAnalysis;
}

const FIELDS = [
  'frame.number', 'tcp.stream', 'frame.protocols', 'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.flags',
  'tcp.seq_raw', 'tcp.ack_raw', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.analysis.retransmission',
  'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission', 'tcp.analysis.out_of_order', 'tcp.analysis.keep_alive',
];
/** tshark's fields by precedence: a fast or spurious retransmission carries tcp.analysis.retransmission too. */
const ANALYSES: [number, SegmentAnalysis][] = [[4, 'keep-alive'], [1, 'fast-retransmission'], [2, 'spurious-retransmission'], [3, 'out-of-order'], [0, 'retransmission']];
const FLAG_BITS: [string, number][] = [['SYN', 0x02], ['FIN', 0x01], ['RST', 0x04], ['PSH', 0x08], ['ACK', 0x10], ['URG', 0x20], ['ECE', 0x40], ['CWR', 0x80]];

/** Every TCP segment in the file, as `tshark -r` dissects it. */
export function tsharkSegments(file: string): TsharkSegment[] {
  const result = spawnSync('tshark', ['-r', file, '-Y', 'tcp', '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=l', ...FIELDS.flatMap((field) => ['-e', field])], { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`tshark could not run (${result.error.message}); install it: apt-get install tshark`);
  if (result.status !== 0) throw new Error(`tshark -r ${file} failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean).map((line) => {
    const [frame, stream, protocols = '', ip4src, ip6src, ip4dst, ip6dst, sport, dport, flags, seq, ack, relSeq, relAck, len, ...marks] = line.split('\t');
    // In a tunnel the innermost IP layer carries the segment (fields are their last occurrence).
    const layers = protocols.split(':');
    const inner6 = layers.lastIndexOf('ipv6') > layers.lastIndexOf('ip');
    const bits = Number(flags);
    const hasAck = (bits & 0x10) !== 0;
    const endpoint = (v4?: string, v6?: string, port?: string) => (inner6 ? `[${v6}]:${port}` : `${v4}:${port}`);
    const segment: TsharkSegment = {
      frame: Number(frame), stream: Number(stream),
      src: endpoint(ip4src, ip6src, sport), dst: endpoint(ip4dst, ip6dst, dport),
      flags: FLAG_BITS.filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name),
      seq: Number(seq), relSeq: Number(relSeq), len: Number(len),
      ...(hasAck && { ack: Number(ack), relAck: Number(relAck) }),
    };
    const analysis = ANALYSES.find(([index]) => Boolean(marks[index]))?.[1];
    return analysis ? { ...segment, analysis } : segment;
  });
}
