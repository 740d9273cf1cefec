import { scaledWindow, type Payload, type SegmentEvent, type SessionEvent } from '@sockscope/protocol';
import type { ReactNode } from 'react';
import { useMessages, type Messages } from '../messages.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { stopFollowing } from '../class/class-store.ts';

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
        <h3>{`#${event.id} ${event.kind}`}</h3>
        <button type="button" onClick={() => {
          stopFollowing();
          useViewStore.getState().select(null);
        }}>{text.detail.close}</button>
      </header>
      <p className={`detail-source badge-${event.source}`}>{`${text.detail.source}: ${text.detail.sources[event.source]}`}</p>
      <table>
        <thead><tr><th scope="col">{text.detail.field}</th><th scope="col">{text.detail.value}</th></tr></thead>
        <tbody>{fields(event, ladder?.slot.events ?? [], text).map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td>{value}</td></tr>)}</tbody>
      </table>
      {'payload' in event && event.payload && <PayloadView payload={event.payload} text={text} />}
    </aside>
  );
}

function fields(event: SessionEvent, events: readonly SessionEvent[], text: Messages): [string, ReactNode][] {
  const rows: [string, ReactNode][] = [['t', `${(event.t / 1000).toFixed(3)} ms`]];
  const skip = new Set(['id', 't', 'kind', 'source', 'payload', 'seq', 'ack', 'relSeq', 'relAck', 'options', 'win', 'via']);
  if (event.kind === 'segment') {
    rows.push(['seq', `${event.relSeq} (${text.detail.relative})${event.seq !== undefined ? ` · ${event.seq} (${text.detail.absolute})` : ''}`]);
    if (event.relAck !== undefined || event.ack !== undefined) {
      rows.push(['ack', `${event.relAck ?? '—'} (${text.detail.relative})${event.ack !== undefined ? ` · ${event.ack} (${text.detail.absolute})` : ''}`]);
    }
    const window = scaledWindow(event, events.filter((candidate): candidate is SegmentEvent => candidate.kind === 'segment'));
    if (window) rows.push([text.detail.window, window.scale === 0 ? text.detail.windowBytes(window.bytes) : text.detail.windowScaled(window.raw, window.scale, window.bytes)]);
    if (event.options) rows.push([text.detail.options, optionsText(event.options)]);
  }
  if (event.kind === 'call') rows.push([text.detail.via, <code key="via">{event.via}</code>]);
  for (const [name, value] of Object.entries(event)) {
    if (skip.has(name) || value === undefined) continue;
    rows.push([name, typeof value === 'object' && value !== null ? <code key={name}>{JSON.stringify(value)}</code> : String(value)]);
  }
  return rows;
}

function optionsText(options: NonNullable<Extract<SessionEvent, { kind: 'segment' }>['options']>): string {
  const parts: string[] = [];
  if (options.mss !== undefined) parts.push(`MSS ${options.mss}`);
  if (options.wscale !== undefined) parts.push(`wscale ${options.wscale}`);
  if (options.sackOk) parts.push('SACK permitted');
  if (options.ts) parts.push(`TS val ${options.ts.val} ecr ${options.ts.ecr}`);
  if (options.sack) parts.push(`SACK ${options.sack.map(([left, right]) => `${left}-${right}`).join(' ')}`);
  return parts.join(' · ');
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
