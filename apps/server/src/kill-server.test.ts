import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
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

/** The network namespaces processes are in now, by the links in /proc. */
function networkNamespaces(): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.add(readlinkSync(`/proc/${entry}/ns/net`));
    } catch {
      // Gone while we read.
    }
  }
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

/** Listening TCP sockets on `port` in the network namespace of `pid` (this process's by default), as /proc/net/tcp lists them (local address in hex). */
function listeners(port: number, pid: number | 'self' = 'self'): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync(`/proc/${pid}/net/tcp`, 'utf8').split('\n').slice(1)
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
      // Every session runs in a process of its own in a network namespace of its own: ordinary ones
      // with tcpdump and a frozen listening process inside, one that holds the wire with the queue
      // helper and its listener; and a spare session process waits with its tcpdump.
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
        if (options.scenario !== 'udp-echo') serverAddresses.push(address);
      }
      const before = descendants(server.pid!);
      const described = before.map(processInfo).filter(Boolean).join('\n');
      expect(described).toContain('tcpdump');
      expect(before.map(processInfo).some((info) => info?.split(' ')[1] === 'T'), `a frozen listener among:\n${described}`).toBe(true);
      expect(described).toContain('sockscope-nfq');
      const sessionProcesses = before.filter((pid) => processInfo(pid)?.includes('sockscope-session-'));
      expect(sessionProcesses.length, described).toBeGreaterThanOrEqual(sessions.length);
      const namespaces = new Set(sessionProcesses.map((pid) => readlinkSync(`/proc/${pid}/ns/net`)));
      expect(namespaces.size).toBe(sessionProcesses.length);
      expect(namespaces).not.toContain(readlinkSync('/proc/self/ns/net'));
      const listening = sessionProcesses.flatMap((pid) => listeners(7007, pid));
      for (const address of serverAddresses) {
        expect(listening.filter((local) => local.startsWith(hexAddress(address))), address).toHaveLength(1);
        // Not in the machine's network: only in the session's own.
        expect(listeners(7007).filter((local) => local.startsWith(hexAddress(address))), address).toEqual([]);
      }

      server.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      let left = before.map(processInfo).filter(Boolean);
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = before.map(processInfo).filter(Boolean);
      }
      expect(left, 'processes left behind').toEqual([]);
      // A network namespace lives while a process is in it (no mount holds one): with them, the sessions' sockets are gone.
      const still = networkNamespaces();
      expect([...namespaces].filter((namespace) => still.has(namespace))).toEqual([]);
      client.ws.terminate();
    } finally {
      server.kill('SIGKILL');
    }
  }, 120_000);
});
