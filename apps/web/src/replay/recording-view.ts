import { byDrawingOrder, type RecordedTrack, type Recording, type SessionInfo } from '@sockscope/protocol';
import type { SessionSlot } from '../session-store.ts';

/** A recorded track as the page holds a session: ended, every step run, its events in drawing order. */
export function trackSlot(track: RecordedTrack, recording: Recording): SessionSlot {
  const steps = track.scenario?.steps ?? [];
  const info: SessionInfo = {
    id: track.id,
    scenario: track.scenario?.name ?? (recording.origin.kind === 'session' ? recording.origin.scenario : recording.origin.file),
    title: track.title,
    // SessionInfo knows TCP and UDP; an ICMP pair of an imported capture is drawn like a datagram flow.
    proto: track.proto === 'tcp' ? 'tcp' : 'udp',
    message: track.message ?? '',
    capture: track.capture,
    status: 'finished',
    nextStep: steps.length,
    steps,
    lastEventId: track.events.reduce((last, event) => Math.max(last, event.id), 0),
    ...(track.program && { program: track.program }), ...(track.programs && { programs: track.programs }),
  };
  return { info, events: [...track.events].sort(byDrawingOrder) };
}
