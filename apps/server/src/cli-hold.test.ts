import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRecording, type SegmentEvent } from '@sockscope/protocol';

const BIN = fileURLToPath(new URL('../bin/sockscope.js', import.meta.url));

function record(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'record', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Real sessions holding the wire (root, or a user namespace: see held.test.ts), run by the CLI.
describe('sockscope record --hold --drop', () => {
  it('runs a TCP echo whose SYN-ACK is dropped to its end: the kernel sends it again and every later step works', async () => {
    const { code, stdout, stderr } = await record(['tcp-echo', '--hold', '--delay', '0', '--drop', 'SYN, ACK']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = parseRecording(stdout).tracks[0]?.events ?? [];
    const synAck = events.find((event): event is SegmentEvent => event.kind === 'segment' && event.flags.join() === 'SYN,ACK');
    expect(events.find((event) => event.kind === 'delivery' && event.of === synAck?.id)).toMatchObject({ verdict: 'dropped', by: 'rule' });
    expect(events.some((event) => event.kind === 'segment' && event.retransmitOf === synAck?.id)).toBe(true);
    expect(events.filter((event) => event.kind === 'call' && event.side === 'client' && event.fn === 'recv' && event.phase === 'return'))
      .toMatchObject([{ result: 5, args: { data: 'hello' } }]);
  }, 90_000);

  it('exits 1 naming the failed step when a later step fails, and still writes the recording', async () => {
    // A dropped datagram is lost for good: the server has nothing to echo.
    const { code, stdout, stderr } = await record(['udp-echo', '--hold', '--drop', 'UDP']);
    expect(code).toBe(1);
    expect(stderr).toBe('sockscope: the run failed: Step 6 (server: sendto() (echo)) failed: the server has received nothing to echo\n');
    expect(parseRecording(stdout).tracks[0]?.events.some((event) => event.kind === 'delivery' && event.verdict === 'dropped')).toBe(true);
  }, 90_000);
});
