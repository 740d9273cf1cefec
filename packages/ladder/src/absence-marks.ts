import type { SegmentEvent } from '@sockscope/protocol';
import type { LadderLayout } from './layout.ts';

/** What TCP does on the wire that UDP does not: a UDP ladder compared with a TCP one marks each where TCP's events show it. */
export const ABSENCE_KINDS = ['handshake', 'ack', 'fin'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** A derived mark (not an event, nothing captured) on a UDP ladder: what the TCP ladder beside has there. */
export interface AbsenceMark {
  kind: AbsenceKind;
  /** Top of the mark; it is `height` tall, written between the first two lifelines. */
  y: number;
  height: number;
}

/** Where a TCP ladder shows one: the step and the height of the row that shows it. */
export interface TcpFeature {
  kind: AbsenceKind;
  stepIndex: number;
  y: number;
}

/** The mark's height at the natural label size (14 px): a note's line and a little room around it. */
export const ABSENCE_HEIGHT = 24;
/** Kept clear above and below a mark. */
export const ABSENCE_PAD = 4;

const has = (segment: SegmentEvent, flag: SegmentEvent['flags'][number]) => segment.flags.includes(flag);
const sameWay = (a: SegmentEvent, b: SegmentEvent) => a.src === b.src && a.dst === b.dst;
const backWay = (a: SegmentEvent, b: SegmentEvent) => a.src === b.dst && a.dst === b.src;

/**
 * The handshakes, ACKs of data and FINs a TCP ladder draws, each once per step: a handshake is
 * a SYN, its SYN-ACK and the ACK that completes it (marked at the SYN-ACK); an ACK of data is a
 * segment (no SYN, FIN or RST) acknowledging bytes the other side sent; a FIN is a FIN. Pure.
 */
export function tcpFeatures(layout: LadderLayout): TcpFeature[] {
  const segments = layout.arrows.flatMap((arrow) => {
    const row = layout.rows[arrow.row];
    return arrow.event.kind === 'segment' && row ? [{ segment: arrow.event, row }] : [];
  });
  const found: TcpFeature[] = [];
  const seen = new Set<string>();
  const add = (kind: AbsenceKind, row: { stepIndex: number; center: number }) => {
    const key = `${kind} ${row.stepIndex}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, stepIndex: row.stepIndex, y: row.center });
  };
  const unacked: SegmentEvent[] = [];
  segments.forEach(({ segment, row }, index) => {
    if (has(segment, 'SYN') && !has(segment, 'ACK')) {
      const later = segments.slice(index + 1);
      const synAck = later.findIndex(({ segment: other }) => backWay(segment, other) && has(other, 'SYN') && has(other, 'ACK'));
      const completed = synAck >= 0 && later.slice(synAck + 1).some(({ segment: other }) => sameWay(segment, other) && has(other, 'ACK') && !has(other, 'SYN') && !has(other, 'RST'));
      if (completed) add('handshake', later[synAck]!.row);
    }
    if (has(segment, 'FIN')) add('fin', row);
    const pure = !has(segment, 'SYN') && !has(segment, 'FIN') && !has(segment, 'RST');
    if (pure && has(segment, 'ACK') && segment.relAck !== undefined) {
      const acked = unacked.filter((data) => backWay(segment, data) && data.relSeq + data.len <= segment.relAck!);
      if (acked.length > 0) add('ack', row);
      for (const data of acked) unacked.splice(unacked.indexOf(data), 1);
    }
    if (segment.len > 0) unacked.push(segment);
  });
  return found.sort((a, b) => a.y - b.y);
}

/** What a ladder already draws across its width, by their tops: step marks, rows, compressed pauses. */
export function occupiedBands(layout: LadderLayout): [top: number, bottom: number][] {
  const bands: [number, number][] = [
    ...layout.steps.map((step): [number, number] => [step.y, step.y + layout.stepHeight]),
    ...layout.rows.map((row): [number, number] => [row.y, 2 * row.center - row.y]),
    ...layout.gaps.map((gap): [number, number] => [gap.y, gap.y + layout.gapHeight]),
  ];
  return bands.sort((a, b) => a[0] - b[0]);
}

/** The highest top at or below `top` where `height` fits clear of every band (and `pad` around it); bands sorted by their tops. */
export function freeTop(top: number, height: number, bands: readonly (readonly [number, number])[]): number {
  let at = top;
  for (const [from, to] of bands) {
    if (from >= at + height + ABSENCE_PAD) break;
    if (to > at - ABSENCE_PAD) at = to + ABSENCE_PAD;
  }
  return at;
}
