import type { Payload } from '@sockscope/protocol';
import { useMessages, type Messages } from '../messages.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { stopFollowing } from '../class/class-store.ts';
import { detailRows } from './detail-fields.ts';

/** Everything recorded about the selected event: every field, both numberings, the payload, its source. */
export function DetailPanel({ ladders }: { ladders: ShownLadder[] }) {
  const text = useMessages();
  const selected = useViewStore((state) => state.selected);
  const ladder = ladders.find((candidate) => candidate.sessionId === selected?.sessionId);
  const event = ladder?.slot.events.find((candidate) => candidate.id === selected?.eventId);
  if (!event) return null;
  return (
    <aside className="detail" aria-label={text.detail.label}>
      <header>
        <h3>{`#${event.id} ${text.detail.kindName(event.kind)}`}</h3>
        <button type="button" onClick={() => {
          stopFollowing();
          useViewStore.getState().select(null);
        }}>{text.detail.close}</button>
      </header>
      <p className={`detail-source badge-${event.source}`}>{`${text.detail.source}: ${text.detail.sources[event.source]}`}</p>
      <table>
        <thead><tr><th scope="col">{text.detail.field}</th><th scope="col">{text.detail.value}</th></tr></thead>
        <tbody>
          {detailRows(event, ladder?.slot.events ?? [], text).map((row) => (
            <tr key={row.key}><th scope="row">{row.name}</th><td>{row.code ? <code>{row.value}</code> : row.value}</td></tr>
          ))}
        </tbody>
      </table>
      {'payload' in event && event.payload && <PayloadView payload={event.payload} text={text} />}
    </aside>
  );
}

function PayloadView({ payload, text }: { payload: Payload; text: Messages }) {
  const hexBytes = payload.hex.match(/../g) ?? [];
  const lines: string[] = [];
  for (let offset = 0; offset < hexBytes.length; offset += 16) {
    lines.push(`${offset.toString(16).padStart(4, '0')}  ${hexBytes.slice(offset, offset + 16).join(' ')}`);
  }
  return (
    <div className="payload">
      <h4>{text.detail.payloadText}</h4>
      <pre>{payload.text}{payload.truncated ? ' …' : ''}</pre>
      <h4>{text.detail.payloadHex}</h4>
      <pre>{lines.join('\n')}</pre>
    </div>
  );
}
