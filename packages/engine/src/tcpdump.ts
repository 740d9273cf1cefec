import path from 'node:path';
import { isExecutable } from './executable.ts';

/** Where tcpdump lives: `SOCKSCOPE_TCPDUMP`, else the PATH and the sbin folders root's PATH has. */
export function findTcpdump(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SOCKSCOPE_TCPDUMP) return isExecutable(env.SOCKSCOPE_TCPDUMP) ? env.SOCKSCOPE_TCPDUMP : undefined;
  const folders = [...(env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  return folders.filter(Boolean).map((folder) => path.join(folder, 'tcpdump')).find(isExecutable);
}

/** Arguments for a live pcap stream of one session's packets on the loopback interface. */
export function tcpdumpArgs(filter: string): string[] {
  // --immediate-mode: hand over each packet at once (libpcap otherwise fills a buffer first,
  // measured here at p50 495 ms); -U: write each packet to the pipe as it comes; -s: loopback
  // segments can reach 64 KiB and more, keep them whole. -B: in immediate mode libpcap's ring
  // has one snaplen-sized slot per packet, so the default 2 MiB held 8 packets, and a burst of
  // 20 datagrams lost 2 when tcpdump was slow to read; 24 MiB holds 96.
  return ['--immediate-mode', '-U', '-s', '262144', '-B', '24576', '-i', 'lo', '-w', '-', filter];
}

/** Turns tcpdump's complaint into what the user should do about it. */
export function explainCaptureFailure(stderr: string, binary: string): string {
  const said = stderr.split('\n').map((line) => line.trim()).find((line) => line.startsWith('tcpdump:') && !line.includes('listening on'));
  const detail = said ? ` (${said})` : '';
  if (/permission|not permitted|privilege/i.test(stderr)) {
    return `tcpdump may not capture here${detail}. Run sockscope as root, or let tcpdump capture: sudo setcap cap_net_raw,cap_net_admin+eip ${binary}`;
  }
  return `tcpdump could not start${detail || ` (${stderr.trim().slice(0, 200) || 'no message'})`}`;
}

export const INSTALL_TCPDUMP = 'tcpdump is not installed. Install it (Debian/Ubuntu: sudo apt-get install tcpdump) and run as root, or give it the capability: sudo setcap cap_net_raw,cap_net_admin+eip $(command -v tcpdump)';
