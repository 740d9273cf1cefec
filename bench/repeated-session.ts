import type { SessionEvent } from '@sockscope/protocol';

/**
 * A real session's events repeated end to end until there are `count`: ids numbered on, times
 * and step numbers shifted past the copy before. Big ladders for the bench and the browser test.
 */
export function repeatedEvents(one: readonly SessionEvent[], count: number, stepsPerCopy: number): SessionEvent[] {
  const span = (one.at(-1)?.t ?? 0) + 1000;
  const events: SessionEvent[] = [];
  for (let copy = 0; events.length < count; copy += 1) {
    // A copy's retransmission repeats a segment of its own copy.
    const ids = new Map<number, number>();
    for (const event of one) {
      if (events.length >= count) break;
      const shifted = { ...event, id: events.length + 1, t: event.t + copy * span } as SessionEvent;
      ids.set(event.id, shifted.id);
      if (shifted.kind === 'note' && shifted.step) shifted.step = { ...shifted.step, index: shifted.step.index + copy * stepsPerCopy };
      if (shifted.kind === 'segment' && shifted.retransmitOf !== undefined) shifted.retransmitOf = ids.get(shifted.retransmitOf) ?? shifted.retransmitOf;
      events.push(shifted);
    }
  }
  return events;
}
