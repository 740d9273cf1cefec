import type { EngineSession } from '@sockscope/engine';
import type { Recording, SessionEvent, TrackSide } from '@sockscope/protocol';
import type { RecordingStore, SaveOptions } from '@sockscope/recordings';

/** The endpoint a side's packets leave from, as the first of them shows it. */
function endpointOf(events: readonly SessionEvent[], side: 'client' | 'server'): string | undefined {
  for (const event of events) {
    if ((event.kind === 'segment' || event.kind === 'datagram') && event.from === side) return event.src;
  }
  return undefined;
}

/** A finished or stopped session as a recording of one track, with what pcap export needs. */
export function sessionRecording(session: EngineSession, sessionId?: string): { recording: Recording; options: SaveOptions } {
  const events = [...session.log.all()];
  const sides: TrackSide[] = (['client', 'server'] as const).map((side) => {
    const endpoint = endpointOf(events, side);
    return { name: side, role: side, ...(endpoint && { endpoint }) };
  });
  const recording: Recording = {
    name: session.scenario.title,
    createdAt: new Date().toISOString(),
    origin: { kind: 'session', scenario: session.scenario.name, ...(sessionId !== undefined && { sessionId }) },
    tracks: [{
      id: 'session', title: session.scenario.title, proto: session.scenario.proto, capture: session.captureStatus,
      scenario: session.info, message: session.message, sides, events,
      program: session.program, ...(session.programs.length > 0 && { programs: session.programs }),
    }],
  };
  // Only a session that ran tcpdump has a pcap; one that held the wire saw its packets in the kernel's queue.
  if (session.hold) {
    return { recording, options: { noCapture: 'its packets came from the kernel\'s queue (the session held the wire), where no pcap is written' } };
  }
  const capture = session.rawCapture();
  const options: SaveOptions = capture ? { capture: { bytes: capture, format: 'pcap' } } : {};
  return { recording, options };
}

/** Saves a session as a recording; returns its id. */
export async function saveSession(store: RecordingStore, session: EngineSession, sessionId?: string): Promise<string> {
  const { recording, options } = sessionRecording(session, sessionId);
  return (await store.save(recording, options)).id;
}
