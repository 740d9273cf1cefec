// Test-only: runs tcpdump on a capture and parses its one-line-per-packet output, to compare
// with what decodePacket finds. Uses Node, so nothing outside tests may import it.
import { spawnSync } from 'node:child_process';
import type { TcpFlagName, TcpOptions } from './decoded-packet.ts';

export interface TcpdumpRun {
  lines: TcpdumpLine[];
  stderr: string;
  status: number | null;
}

/** `tcpdump -nn -S -tt` with nanosecond timestamps, so every file prints its full precision. */
export function runTcpdump(file: string): TcpdumpRun {
  const result = spawnSync('tcpdump', ['-nn', '-S', '-tt', '--time-stamp-precision=nano', '-r', file], { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(`tcpdump could not run (${result.error.message}); the comparison tests need it: apt-get install tcpdump`);
  }
  const lines = result.stdout.split('\n').filter((line) => line.length > 0).map(parseTcpdumpLine);
  return { lines, stderr: result.stderr, status: result.status };
}

export interface TcpdumpTcp {
  /** Flags as tcpdump letters: S F R P . U E W e. */
  letters: string;
  flags: TcpFlagName[];
  seq?: number;
  /** The end of `seq A:B`, printed when the segment carries data. */
  seqEnd?: number;
  ack?: number;
  window: number;
  options: TcpOptions;
  length: number;
}

export interface TcpdumpLine {
  text: string;
  seconds: number;
  /** The fraction as printed, in nanoseconds; may exceed 1e9 for invalid timestamps. */
  nanoseconds: number;
  ip?: { version: 4 | 6; src: string; dst: string; srcPort?: number; dstPort?: number };
  tcp?: TcpdumpTcp;
  /** Transport payload length a UDP line shows: `length N`, `length: N` or DNS's `(N)`. */
  udpLength?: number;
  /** The ICMP length (IP payload) in `ICMP ..., length N`. */
  icmpLength?: number;
  /** tcpdump's mark of a malformed or cut packet: `[|tcp]`, `bad-len 0`, `(invalid)`. */
  problem?: string;
}

const LETTER_FLAGS: Record<string, TcpFlagName> = {
  S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', '.': 'ACK', U: 'URG', E: 'ECE', W: 'CWR', e: 'AE',
};

export function parseTcpdumpLine(text: string): TcpdumpLine {
  const head = /^(\d+)\.(\d+) (.*)$/.exec(text);
  if (head === null) throw new Error(`unexpected tcpdump line: ${text}`);
  const line: TcpdumpLine = { text, seconds: Number(head[1]), nanoseconds: Number(head[2]) };
  const rest = head[3] ?? '';
  const problem = /\[\|\w+\]|bad-len \d+|\(invalid\)/.exec(rest);
  if (problem !== null) line.problem = problem[0];
  const ip = /^(IP6?) (\S+) > (\S+): ?(.*)$/.exec(rest);
  if (ip === null) return line;
  const version = ip[1] === 'IP6' ? 6 : 4;
  const src = parseEndpoint(ip[2] ?? '', version);
  const dst = parseEndpoint(ip[3] ?? '', version);
  line.ip = { version, src: src.address, dst: dst.address };
  if (src.port !== undefined && dst.port !== undefined) Object.assign(line.ip, { srcPort: src.port, dstPort: dst.port });
  const body = ip[4] ?? '';
  const tcp = parseTcp(body);
  if (tcp !== undefined) line.tcp = tcp;
  const icmp = /^ICMP6?\b.*, length (\d+)/.exec(body);
  if (icmp !== null) line.icmpLength = Number(icmp[1]);
  const udp = /(?:, length:? (\d+)|\((\d+)\))$/.exec(body);
  if (tcp === undefined && icmp === null && udp !== null) line.udpLength = Number(udp[1] ?? udp[2]);
  return line;
}

/** `10.0.0.1.80`, `10.0.0.1`, `2001:db8::1.53`: the port is what follows the last dot. */
function parseEndpoint(text: string, version: 4 | 6): { address: string; port?: number } {
  const match = version === 4 ? /^(\d+\.\d+\.\d+\.\d+)(?:\.(\d+))?$/.exec(text) : /^([0-9a-f:]+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`unexpected tcpdump endpoint: ${text}`);
  const address = match[1] ?? '';
  return match[2] === undefined ? { address } : { address, port: Number(match[2]) };
}

function parseTcp(body: string): TcpdumpTcp | undefined {
  const flags = /^Flags \[([^\]]*)\]/.exec(body);
  if (flags === null) return undefined;
  const letters = flags[1] === 'none' ? '' : (flags[1] ?? '');
  const number = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(body);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const tcp: TcpdumpTcp = {
    letters,
    flags: [...letters].map((letter) => {
      const flag = LETTER_FLAGS[letter];
      if (flag === undefined) throw new Error(`unknown tcpdump flag letter ${letter} in: ${body}`);
      return flag;
    }),
    window: number(/, win (\d+)/) ?? Number.NaN,
    options: parseOptions(/, options \[([^\]]*)\]/.exec(body)?.[1] ?? ''),
    length: number(/, length (\d+)/) ?? Number.NaN,
  };
  const seq = /, seq (\d+)(?::(\d+))?/.exec(body);
  if (seq !== null) tcp.seq = Number(seq[1]);
  if (seq?.[2] !== undefined) tcp.seqEnd = Number(seq[2]);
  const ack = number(/, ack (\d+)/);
  if (ack !== undefined) tcp.ack = ack;
  return tcp;
}

/** `mss 1460,nop,wscale 7,sackOK,TS val 1 ecr 0,sack 1 {100:200}`: the options decodePacket keeps. */
function parseOptions(text: string): TcpOptions {
  const options: TcpOptions = {};
  for (const option of text.split(',')) {
    const [name = '', ...values] = option.split(' ');
    if (name === 'mss') options.mss = Number(values[0]);
    else if (name === 'wscale') options.wscale = Number(values[0]);
    else if (name === 'sackOK') options.sackOk = true;
    else if (name === 'TS') options.ts = { val: Number(values[1]), ecr: Number(values[3]) };
    else if (name === 'sack') {
      options.sack = [...option.matchAll(/\{(\d+):(\d+)\}/g)].map((m) => [Number(m[1]), Number(m[2])]);
    }
  }
  return options;
}
