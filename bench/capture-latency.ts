import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaptureReader, decodePacket } from '@sockscope/wire';
import { formatMs, median, percentile } from './stats.ts';

const DATAGRAMS = 40;

/** Milliseconds from a UDP send on lo to its pcap record reaching Node, with and without immediate mode. */
async function latencies(immediate: boolean, address: string): Promise<number[]> {
  const args = [...(immediate ? ['--immediate-mode'] : []), '-U', '-i', 'lo', '-w', '-', `udp and host ${address}`];
  const tcpdump = spawn('tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const sent = new Map<number, number>();
  const delays: number[] = [];
  const reader = new CaptureReader();
  tcpdump.stdout.on('data', (chunk: Buffer) => {
    const now = performance.now();
    for (const record of reader.push(chunk)) {
      const udp = decodePacket(record.linkType, record.data).udp;
      const index = udp ? Number(new TextDecoder().decode(udp.payload)) : NaN;
      const at = sent.get(index);
      if (at !== undefined) delays.push(now - at);
    }
  });
  await new Promise<void>((resolve) => tcpdump.stderr.on('data', (text: Buffer) => { if (text.includes('listening')) resolve(); }));
  await sleep(200);
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  for (let i = 0; i < DATAGRAMS; i += 1) {
    sent.set(i, performance.now());
    socket.send(String(i), socket.address().port, address);
    await sleep(25);
  }
  await sleep(1500);
  socket.close();
  tcpdump.kill('SIGTERM');
  await once(tcpdump, 'exit');
  return delays;
}

export async function benchCaptureLatency(): Promise<string[]> {
  const lines: string[] = [];
  for (const immediate of [true, false]) {
    const delays = await latencies(immediate, `127.77.${immediate ? 1 : 2}.1`);
    lines.push(`capture latency ${immediate ? 'with' : 'without (baseline)'} --immediate-mode, ${delays.length}/${DATAGRAMS} datagrams: `
      + `p50 ${formatMs(median(delays))}, p99 ${formatMs(percentile(delays, 99))}`);
  }
  return lines;
}
