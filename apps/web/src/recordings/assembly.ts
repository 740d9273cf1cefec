import type { BrokenPacket, Recording, SessionEvent } from '@sockscope/protocol';
import type { LoadReply, TrackHeader } from './load-messages.ts';

/** A recording as its pieces arrive from the loading worker. */
export interface Assembly {
  tracks: TrackHeader[];
  events: SessionEvent[][];
  /** Events received so far, and how many the tracks hold: the second half of a load's progress. */
  received: number;
  total: number;
}

export interface Loaded {
  recording: Recording;
  /** A capture, or a sockscope recording (JSON Lines). */
  kind: 'capture' | 'recording';
  problems: BrokenPacket[];
  problemCount: number;
}

export const emptyAssembly: Assembly = { tracks: [], events: [], received: 0, total: 0 };

/**
 * Adds one reply of the worker. The batches are appended in place: a large capture sends
 * hundreds, and copying every track for each would cost more than receiving them.
 */
export function assemble(assembly: Assembly, reply: LoadReply & { type: 'tracks' | 'events' }): Assembly {
  if (reply.type === 'tracks') {
    return { tracks: reply.tracks, events: reply.tracks.map(() => []), received: 0, total: reply.tracks.reduce((sum, track) => sum + track.eventCount, 0) };
  }
  const events = assembly.events[reply.track];
  if (!events) throw new Error(`events for track ${reply.track}, which the worker did not announce`);
  for (const event of reply.events) events.push(event);
  return { ...assembly, received: assembly.received + reply.events.length };
}

/** The whole recording once the worker is done; a track short of its events would be drawn half, so it is refused. */
export function finish(assembly: Assembly, done: LoadReply & { type: 'done' }): Loaded {
  const tracks = assembly.tracks.map(({ eventCount, ...track }, index) => {
    const events = assembly.events[index] ?? [];
    if (events.length !== eventCount) throw new Error(`track ${track.id} arrived with ${events.length} of its ${eventCount} events`);
    return { ...track, events };
  });
  return { recording: { ...done.recording, tracks }, kind: done.kind, problems: done.problems, problemCount: done.problemCount };
}
