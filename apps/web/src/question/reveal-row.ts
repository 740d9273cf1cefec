import type { Row } from '@sockscope/ladder';
import type { SessionEvent } from '@sockscope/protocol';

/**
 * The ladder row a revealed event is drawn on; for an event drawn on no row of its own (a note),
 * the last row at or before it in time. Undefined while the page does not hold the event yet.
 */
export function rowOfEvent(rows: readonly Row[], events: readonly SessionEvent[], eventId: number): number | undefined {
  const drawn = rows.findIndex((row) => row.eventIds.includes(eventId));
  if (drawn >= 0) return drawn;
  const event = events.find((candidate) => candidate.id === eventId);
  if (!event) return undefined;
  return Math.max(0, rows.findLastIndex((row) => row.tUs <= event.t));
}
