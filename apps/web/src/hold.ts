import { isWireEvent, type DeliveryEvent, type SessionEvent, type WireEvent } from '@sockscope/protocol';

/** What became of a packet that stopped in the kernel's queue (a session that holds the wire). */
export type HeldFate =
  | { state: 'in-flight' }
  | { state: 'delivered' | 'dropped'; delivery: DeliveryEvent };

/** The fate of every held packet, by the id of its wire event. */
export function heldFates(events: readonly SessionEvent[]): Map<number, HeldFate> {
  const fates = new Map<number, HeldFate>();
  for (const event of events) {
    if (isWireEvent(event) && event.hold) fates.set(event.id, { state: 'in-flight' });
    if (event.kind === 'delivery') fates.set(event.of, { state: event.verdict, delivery: event });
  }
  return fates;
}

/** Packets still waiting for a verdict, oldest first. */
export function packetsInFlight(events: readonly SessionEvent[]): WireEvent[] {
  const decided = new Set<number>();
  for (const event of events) if (event.kind === 'delivery') decided.add(event.of);
  return events.filter((event): event is WireEvent => isWireEvent(event) && event.hold !== undefined && !decided.has(event.id));
}

/** The row (of `rows`, in order) of the newest verdict the user gave (Deliver, Drop), if any. */
export function newestVerdictRow(rows: readonly { eventIds: readonly number[] }[], events: readonly SessionEvent[]): number | undefined {
  const verdicts = new Set(events.flatMap((event) => (event.kind === 'delivery' && event.by === 'user' ? [event.id] : [])));
  if (verdicts.size === 0) return undefined;
  const index = rows.findLastIndex((row) => row.eventIds.some((id) => verdicts.has(id)));
  return index >= 0 ? index : undefined;
}
