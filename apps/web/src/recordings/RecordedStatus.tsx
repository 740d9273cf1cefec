import { useMessages } from '../messages.ts';
import type { RecordedLadder } from './recorded-ladders.ts';

/**
 * Under a recorded ladder's title, where a live one says its status: when it was recorded and
 * how its packets were seen, or what file it was imported from.
 */
export function RecordedStatus({ recorded }: { recorded: RecordedLadder }) {
  const text = useMessages();
  const { origin, createdAt } = recorded.recording;
  const { capture } = recorded.track;
  const captured = capture.mode === 'pcap';
  // An imported capture's packets were captured, by whoever made the file: its name says all.
  if (origin.kind === 'capture') return <p className="status-line recorded-status"><strong>{text.opened.importedFrom(origin.file)}</strong></p>;
  return (
    <p className="status-line recorded-status">
      <strong>{text.opened.recordedAt(createdAt)}</strong>
      {' · '}
      <span className={captured ? 'capture-on' : 'capture-off'}>{captured ? text.status.captureOn : text.status.captureOff(capture.reason)}</span>
    </p>
  );
}
