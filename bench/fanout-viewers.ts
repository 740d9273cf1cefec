// A process of WebSocket viewers for the fan-out benchmark: opens `count` connections to the
// server, subscribes each to the session, and notes when each `events` message arrives. Viewers
// live apart from the process that drives and times the session, as students' browsers do.
// Run by fanout.ts with: node --import tsx bench/fanout-viewers.ts PORT SESSION COUNT CLASS
import { PROTOCOL_VERSION, WS_PATH } from '@sockscope/protocol';
import WebSocket from 'ws';

export interface Arrival {
  /** Realtime milliseconds since the epoch (comparable between processes). */
  at: number;
  /** The message's events: id, time (µs since the session's start) and whether captured. */
  events: { id: number; t: number; captured: boolean }[];
}

/** A teacher's view reaching a student: when, and the event at its cursor. */
export interface ViewArrival {
  at: number;
  cursor: number | null;
}

/** What a viewer process reports when asked: the arrivals at each of its viewers. */
export type ViewerReport = { events: Arrival[]; views: ViewArrival[] }[];

const [port, sessionId, count, classCode] = [Number(process.argv[2]), process.argv[3] ?? '', Number(process.argv[4]), process.argv[5] ?? ''];
const now = () => performance.timeOrigin + performance.now();
const raw: { at: number; data: string }[][] = [];

async function open(index: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`);
  const received: { at: number; data: string }[] = [];
  raw[index] = received;
  // Only timestamped here; parsed when reporting, so parsing does not delay the next arrival.
  ws.on('message', (data) => received.push({ at: now(), data: data.toString() }));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  // As a student's page does: follow the class, and watch the session it shows.
  ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'join-class', code: classCode }));
  ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'subscribe', sessionId, afterId: 0 }));
}

await Promise.all(Array.from({ length: count }, (_, i) => open(i)));
process.send?.({ type: 'ready' });
process.on('message', (message: { type: string }) => {
  if (message.type !== 'report') return;
  const report: ViewerReport = raw.map((received) => {
    const parsed = received.map(({ at, data }) => ({ at, message: JSON.parse(data) as {
      type: string; events?: { id: number; t: number; source: string }[]; view?: { cursor: (number | null)[] };
    } }));
    return {
      events: parsed.flatMap(({ at, message }) => (message.type === 'events' && message.events
        ? [{ at, events: message.events.map(({ id, t, source }) => ({ id, t, captured: source === 'captured' })) }]
        : [])),
      views: parsed.flatMap(({ at, message }) => (message.type === 'class-view' && message.view ? [{ at, cursor: message.view.cursor[0] ?? null }] : [])),
    };
  });
  process.send?.({ type: 'report', report }, () => process.exit(0));
});
