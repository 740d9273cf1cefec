// Runs inside the session's own network namespace (started through `unshare` by
// netns/session-process.ts, ahead of time as a spare): brings up lo, says it is ready, then runs
// one session here, driven by the parent (RemoteSession) over the IPC channel; a session that
// holds the wire first sends every packet leaving a socket to NFQUEUE 0. Its sockets, tcpdump
// and the kernel readings (/proc/net follows the reader's namespace) all see this namespace
// alone. The namespace ends when this process does.
import { execFileSync } from 'node:child_process';
import type { SessionEvent } from '@sockscope/protocol';
import { SessionError } from '../errors.ts';
import { prepareCapture } from '../netns/prepared-capture.ts';
import { Session } from '../session.ts';
import type { ChildMessage, ParentMessage } from './remote-protocol.ts';

const send = (message: ChildMessage) => process.send?.(message);

let session: Session | undefined;
let prepared: ReturnType<typeof prepareCapture> | undefined;
let outbox: SessionEvent[] = [];

/** Events go out in batches, always before the reply that follows them. */
function flush(): void {
  if (outbox.length === 0) return;
  send({ type: 'events', events: outbox });
  outbox = [];
}

async function handle(message: ParentMessage): Promise<void> {
  if (message.type === 'open') {
    try {
      const tcpdump = !message.hold && message.capture !== 'off';
      if (!tcpdump) await prepared?.discard();
      if (message.hold) execFileSync('iptables', ['-A', 'OUTPUT', '-o', 'lo', '-j', 'NFQUEUE', '--queue-num', '0']);
      session = await Session.open({
        scenario: message.scenario, capture: message.capture, network: { own: true }, ...(tcpdump && prepared && { prepared }),
        ...(message.hold && { hold: message.hold }), ...(message.message !== undefined && { message: message.message }),
        ...(message.program && { program: message.program }),
      });
      for (const event of session.log.all()) outbox.push(event);
      session.log.subscribe((event) => {
        if (outbox.length === 0) setImmediate(flush);
        outbox.push(event);
      });
      flush();
      send({ type: 'opened', captureStatus: session.captureStatus, clockStartUs: session.clockStartUs, programs: session.programs });
    } catch (error) {
      send({ type: 'open-failed', ...(error instanceof SessionError && { code: error.code }), message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
    return;
  }
  const current = session;
  if (!current) return;
  let error: { code?: string; message: string } | undefined;
  try {
    if (message.type === 'step') await current.step();
    else if (message.type === 'decide') {
      await current.decide(message.verdict, { ...(message.packet !== undefined && { packet: message.packet }), ...(message.all && { all: true }) });
    } else await current.close();
  } catch (caught) {
    error = { ...(caught instanceof SessionError && { code: caught.code }), message: caught instanceof Error ? caught.message : String(caught) };
  }
  flush();
  const pcap = message.type === 'close' ? current.rawCapture() : undefined;
  if (pcap) send({ type: 'capture', pcap: Buffer.from(pcap).toString('base64') });
  send({ type: 'reply', seq: message.seq, state: { nextStep: current.nextStep }, ...(error && { error }) });
  if (message.type === 'close') process.disconnect?.();
}

process.on('message', (message: ParentMessage) => void handle(message));
try {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  // Most sessions capture with tcpdump, whose start is most of an opening's time: started now, while this process waits as a spare.
  prepared = prepareCapture();
  await prepared.ready;
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'open-failed', message: `lo could not be brought up in the session's namespace: ${error instanceof Error ? error.message : String(error)}` });
  process.exit(1);
}
// The parent is gone: end the session, so nothing is left held.
process.on('disconnect', () => {
  void (session?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
