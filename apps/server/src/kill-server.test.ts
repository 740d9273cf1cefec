import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TestClient } from './test-client.ts';

const BIN = fileURLToPath(new URL('../bin/sockscope.js', import.meta.url));

/** Every process below `root`, by the parent pids in /proc. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the fields that follow it come after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone while we read.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) if (parent === pid) { found.push(child); walk(child); }
  };
  walk(root);
  return found;
}

/** A process's command line and state letter (T: stopped), or undefined once it is gone (a zombie counts as gone). */
function processInfo(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z') return undefined;
    return `${pid} ${state} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`;
  } catch {
    return undefined;
  }
}

/** Listening TCP sockets on `port` in this network namespace, as /proc/net/tcp lists them (local address in hex). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => fields[1] ?? '');
}

function hexAddress(address: string): string {
  return address.split('.').map((octet) => Number(octet).toString(16).toUpperCase().padStart(2, '0')).reverse().join('');
}

describe('a server killed with SIGKILL', () => {
  it('leaves no process of sockscope running, none frozen, and no socket listening', async () => {
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SOCKSCOPE_DATA: await mkdtemp(path.join(tmpdir(), 'sockscope-kill-')) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        server.stdout.setEncoding('utf8').on('data', (text: string) => {
          out += text;
          const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        server.once('exit', (code) => reject(new Error(`the server exited (code ${code})`)));
      });
      const client = await TestClient.connect(port);
      // Ordinary sessions (tcpdump, a frozen listening process) and one that holds the wire (its
      // own process in a network namespace, with the queue helper and its listener inside).
      const sessions = [
        { scenario: 'tcp-echo', capture: 'pcap' as const }, { scenario: 'backlog-full', capture: 'pcap' as const },
        { scenario: 'udp-echo', capture: 'pcap' as const }, { scenario: 'tcp-echo', hold: {} },
      ];
      const serverAddresses: string[] = [];
      for (const [index, options] of sessions.entries()) {
        client.send({ type: 'create-session', requestId: `s${index}`, ...options });
        const { session } = await client.next('session', (m) => m.requestId === `s${index}`, 0, 20_000);
        client.send({ type: 'subscribe', sessionId: session.id, afterId: 0 });
        for (let step = 0; step < 2; step += 1) {
          const from = client.received.length;
          client.send({ type: 'step', sessionId: session.id });
          await client.next('session', (m) => m.session.id === session.id && m.session.nextStep === step + 1 && m.session.status !== 'stepping', from, 20_000);
        }
        const listened = client.received.flatMap((m) => (m.type === 'events' && m.sessionId === session.id ? m.events : []))
          .find((e) => e.kind === 'call' && e.fn === 'bind');
        const address = listened?.kind === 'call' ? String(listened.args?.address ?? '') : '';
        if (options.scenario !== 'udp-echo' && !options.hold) serverAddresses.push(address);
      }
      const before = descendants(server.pid!);
      const described = before.map(processInfo).filter(Boolean).join('\n');
      expect(described).toContain('tcpdump');
      expect(before.map(processInfo).some((info) => info?.split(' ')[1] === 'T'), `a frozen listener among:\n${described}`).toBe(true);
      expect(described).toContain('held/child.ts');
      expect(described).toContain('sockscope-nfq');
      for (const address of serverAddresses) expect(listeners(7007).some((local) => local.startsWith(hexAddress(address))), address).toBe(true);

      server.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      let left = before.map(processInfo).filter(Boolean);
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = before.map(processInfo).filter(Boolean);
      }
      expect(left, 'processes left behind').toEqual([]);
      for (const address of serverAddresses) expect(listeners(7007).filter((local) => local.startsWith(hexAddress(address))), address).toEqual([]);
      client.ws.terminate();
    } finally {
      server.kill('SIGKILL');
    }
  }, 120_000);
});
