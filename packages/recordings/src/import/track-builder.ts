import { isWireEvent, type NewEvent, type RecordedTrack, type RecordingTrack, type SessionEvent, type TrackSide } from '@sockscope/protocol';

/** One lifeline of an imported track: its name (`address:port`, or an address) and its address. */
export interface Lifeline {
  name: string;
  address: string;
  role?: 'client' | 'server';
}

/** What every imported track says first: where its packets come from and what is unknown. */
function importNote(file: string, proto: RecordingTrack['proto']): string {
  const states = proto === 'tcp' ? ', and the TCP states are inferred from the segments (marked inferred)' : '';
  return `Imported from ${file}: the packets are drawn as captured. The socket calls behind them are unknown for an imported capture${states}.`;
}

/** The events of one imported track, numbered in arrival order as a session log numbers them. */
export class TrackBuilder {
  readonly events: SessionEvent[] = [];
  /** Segments, datagrams and ICMP messages in the track. */
  packets = 0;

  constructor(
    readonly id: string,
    readonly proto: RecordingTrack['proto'],
    readonly title: string,
    readonly lifelines: readonly Lifeline[],
    t: number,
    file: string,
  ) {
    this.push({ kind: 'note', source: 'captured', t, code: 'capture', level: 'info', text: importNote(file, proto) });
  }

  push(event: NewEvent): SessionEvent {
    // id, t, kind and source lead each line, as in a session's log.
    const { t, kind, source, ...rest } = event;
    const numbered = { id: this.events.length + 1, t, kind, source, ...rest } as SessionEvent;
    this.append(numbered);
    return numbered;
  }

  /** An event already numbered as the next one (`id` = events + 1). */
  protected append(event: SessionEvent): void {
    this.events.push(event);
    if (isWireEvent(event)) this.packets += 1;
  }

  note(t: number, level: 'info' | 'warn', text: string): void {
    this.push({ kind: 'note', source: 'captured', t, code: 'capture', level, text });
  }

  /** The lifeline an address belongs to, or the address itself (an ICMP error from a router). */
  nameOf(address: string): string {
    return this.lifelines.find((lifeline) => lifeline.address === address)?.name ?? address;
  }

  track(): RecordedTrack {
    const sides: TrackSide[] = this.lifelines.map(({ name, role }) => ({ name, endpoint: name, ...(role && { role }) }));
    return { id: this.id, title: this.title, proto: this.proto, capture: { mode: 'pcap' }, sides, events: this.events };
  }
}
