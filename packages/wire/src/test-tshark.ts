// Test-only: reads a capture with tshark (Wireshark's own dissectors), one line per frame, to
// compare with what PacketDecoder finds. Uses Node, so nothing outside tests may import it.
import { spawnSync } from 'node:child_process';

export interface TsharkFrame {
  frame: number;
  /** `frame.protocols` split: eth, ethertype, ip, udp, vxlan, eth, …, outermost first. */
  protocols: string[];
  /** Every occurrence of each field, outermost first (tunnels repeat them). */
  fields: Record<TsharkField, string[]>;
}

const FIELDS = ['ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.len', 'udp.srcport', 'udp.dstport'] as const;
export type TsharkField = (typeof FIELDS)[number];

export type TsharkRun = { frames: TsharkFrame[] } | { refused: string };

/** `tshark -r FILE -T fields`; a file tshark cannot read gives its message. */
export function runTshark(file: string): TsharkRun {
  const args = ['-r', file, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number', '-e', 'frame.protocols'];
  const result = spawnSync('tshark', [...args, ...FIELDS.flatMap((field) => ['-e', field])], { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`tshark could not run (${result.error.message}); install it: apt-get install tshark`);
  if (result.status !== 0) return { refused: result.stderr.split('\n').filter((line) => !line.startsWith('Running as user')).join(' ').trim() };
  const frames = result.stdout.split('\n').filter(Boolean).map((line) => {
    const [frame = '', protocols = '', ...values] = line.split('\t');
    const fields = Object.fromEntries(FIELDS.map((field, i) => [field, values[i] ? (values[i] ?? '').split('|') : []]));
    return { frame: Number(frame), protocols: protocols.split(':'), fields: fields as Record<TsharkField, string[]> };
  });
  return { frames };
}
