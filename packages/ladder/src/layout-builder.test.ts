import { byDrawingOrder, type SessionEvent } from '@sockscope/protocol';
import { recordedScenario, recordedScenarios } from '@sockscope/recordings/test-sessions';
import { describe, expect, it } from 'vitest';
import { LadderBuilder } from './layout-builder.ts';
import { layoutLadder, type LayoutOptions } from './layout.ts';

const OPTIONS: LayoutOptions[] = [
  { timeMode: 'event', zoom: 1 },
  { timeMode: 'proportional', zoom: 1 },
  { timeMode: 'event', zoom: 2, labelSize: 18 },
];

/** A small seeded generator: the same cuts every run. */
function cuts(length: number, seed: number): number[] {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const points: number[] = [];
  for (let at = 0; at < length; at += 1 + Math.floor(next() * 7)) points.push(at);
  return [...points, length];
}

/** Feeds the builder the events as a live page gets them, checking each layout against the whole one. */
function expectSameAtEveryCut(events: SessionEvent[], options: LayoutOptions, points: number[]): void {
  const builder = new LadderBuilder(options);
  for (const cut of points) {
    const prefix = events.slice(0, cut);
    expect(builder.update(prefix), `${cut} of ${events.length} events`).toEqual(layoutLadder(prefix, options));
  }
}

describe('the ladder grown event by event', () => {
  const sessions = recordedScenarios().flatMap((name) => (['captured', 'inferred'] as const).map((packets) => ({ name, packets, events: recordedScenario(name, packets) })));

  it('is the whole layout after every single event, for every built-in scenario', () => {
    for (const { events } of sessions) {
      for (const options of OPTIONS) expectSameAtEveryCut(events, options, events.map((_event, index) => index + 1));
    }
  });

  it('is the whole layout when events come in batches of any size', () => {
    sessions.forEach(({ events }, index) => {
      for (const seed of [1, 2, 3]) expectSameAtEveryCut(events, OPTIONS[seed % OPTIONS.length]!, cuts(events.length, seed * 7919 + index));
    });
  });

  it('lands a held packet where it was delivered or dropped, and leaves one in flight to the end', () => {
    // tcp-echo with the wire held: each packet stops in the queue, a delivery names it later.
    const source = recordedScenario('tcp-echo');
    const events: SessionEvent[] = [];
    let packet = 0;
    for (const event of source) {
      if (event.kind !== 'segment') {
        events.push(event);
        continue;
      }
      packet += 1;
      events.push({ ...event, hold: { packet } } as SessionEvent);
      if (packet % 3 !== 0) {
        events.push({ id: 100_000 + event.id, t: event.t + 40, kind: 'delivery', source: 'traced', of: event.id, verdict: packet % 3 === 1 ? 'delivered' : 'dropped', heldUs: 40, by: 'user' });
      }
    }
    events.sort(byDrawingOrder);
    for (const options of OPTIONS) expectSameAtEveryCut(events, options, events.map((_event, index) => index + 1));
    expect(layoutLadder(events, OPTIONS[0]!).arrows.filter((arrow) => arrow.flight?.state === 'in-flight').length).toBeGreaterThan(0);
  });

  it('starts over when an event is sorted in before the ones it has, or another session is given', () => {
    const events = recordedScenario('tcp-echo');
    const builder = new LadderBuilder(OPTIONS[0]!);
    builder.update(events.slice(0, 20));
    // A late packet: its time is earlier than the last events held.
    const late = { ...events[25]!, id: 10_000, t: events[10]!.t } as SessionEvent;
    const sorted = [...events.slice(0, 20), late].sort(byDrawingOrder);
    expect(builder.update(sorted)).toEqual(layoutLadder(sorted, OPTIONS[0]!));
    const other = recordedScenario('udp-echo');
    expect(builder.update(other)).toEqual(layoutLadder(other, OPTIONS[0]!));
  });

  it('lays out only what was added: the rows laid out before are the same objects', () => {
    const events = recordedScenario('tcp-echo');
    const builder = new LadderBuilder(OPTIONS[0]!);
    const first = builder.update(events.slice(0, 30)).rows.slice(0, 10);
    const later = builder.update(events).rows.slice(0, 10);
    later.forEach((row, index) => expect(row).toBe(first[index]));
  });
});
