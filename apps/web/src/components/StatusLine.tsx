import type { SessionInfo } from '@sockscope/protocol';
import { useMessages } from '../messages.ts';

/** What the session is doing, how far it got, and which truth sources its packets come from. */
export function StatusLine({ session }: { session: SessionInfo }) {
  const text = useMessages();
  const nextStep = session.steps[session.nextStep];
  const captured = session.capture.mode === 'pcap';
  return (
    <p role="status" aria-label={text.status.label} className="status-line" data-status={session.status}>
      <strong>{text.status.names[session.status]}</strong>
      {' · '}
      {text.status.progress(session.nextStep, session.steps.length)}
      {nextStep && ` · ${text.status.next(nextStep.label)}`}
      {' · '}
      <span className={captured ? 'capture-on' : 'capture-off'}>
        {session.hold ? text.status.holding : captured ? text.status.captureOn : text.status.captureOff(session.capture.reason)}
      </span>
      {session.capture.network?.own === false && <span className="network-shared">{` · ${text.status.networkShared}`}</span>}
      {session.error && <span className="session-error">{` · ${text.status.sessionError(session.error)}`}</span>}
    </p>
  );
}
