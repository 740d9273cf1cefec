import type { SessionEvent } from '@sockscope/protocol';
import { ABSENCE_HEIGHT, ABSENCE_PAD, freeTop, occupiedBands, tcpFeatures, type AbsenceMark } from './absence-marks.ts';
import { alignSteps, meaningKey, stepCall, stepsOfEvents, type AlignedSlot, type StepLike } from './compare-align.ts';
import { BOTTOM_PAD, layoutLadder, NOTE_HEIGHT, STEP_HEIGHT, type LadderLayout, type LayoutOptions } from './layout.ts';

/** One ladder of a comparison: its events, and when known its scenario's steps and protocol. */
export interface ComparedSession {
  events: readonly SessionEvent[];
  /** Every step of its scenario, run or not, so the lining up does not change as they run; the events' step notes when left out. */
  steps?: readonly StepLike[];
  proto?: string;
}

type Pair = readonly [LadderLayout, LadderLayout];

/** Where step `index`'s content ends: below its marker and its last row (and a retransmission's note). */
function stepEnd(layout: LadderLayout, index: number, zoom: number): number {
  const start = layout.stepStarts[index] ?? 0;
  let end = start + layout.stepHeight;
  const noted = new Set(layout.arrows.filter((arrow) => arrow.retransmission).map((arrow) => arrow.row));
  const note = NOTE_HEIGHT * (layout.stepHeight / STEP_HEIGHT) * zoom;
  for (const row of layout.rows) {
    if (row.stepIndex === index) end = Math.max(end, 2 * row.center - row.y + (noted.has(row.index) ? note : 0));
  }
  return end;
}

/** Where a step's own call (`sendto` for `client: sendto()`) is drawn: its row's line, or none if the step made no such call. */
function anchorOf(layout: LadderLayout, index: number, step: StepLike | undefined): number | undefined {
  const fn = step && stepCall(step);
  if (!fn) return undefined;
  const call = layout.calls.find((item) => item.side === step.side && item.fn === fn && layout.rows[item.rowStart]?.stepIndex === index);
  return call && layout.rows[call.rowStart]!.center;
}

/**
 * Each ladder's step starts such that the steps of a slot line up, their own calls (send() and
 * sendto()) on one line when both made one, else their step marks; and a slot starts below
 * everything the slots before it hold (steps on either side, and `slotEnds`: the marks).
 */
function stepTargets(layouts: Pair, slots: readonly AlignedSlot[], steps: readonly (readonly StepLike[])[], slotEnds: readonly number[], zoom: number): [number[], number[]] {
  const targets: [number[], number[]] = [[], []];
  let floor = 0;
  slots.forEach((slot, k) => {
    const members = ([[0, slot.left], [1, slot.right]] as const).flatMap(([side, index]) => {
      const start = index === undefined ? undefined : layouts[side].stepStarts[index];
      if (index === undefined || start === undefined) return [];
      const anchor = anchorOf(layouts[side], index, steps[side]?.[index]);
      return [{ side, index, start, lowest: Math.max(floor, start), offset: anchor === undefined ? undefined : anchor - start }];
    });
    if (members.length === 0) return;
    const anchored = members.every((member) => member.offset !== undefined);
    const line = Math.max(...members.map((member) => member.lowest + (anchored ? member.offset! : 0)));
    for (const member of members) {
      const start = line - (anchored ? member.offset! : 0);
      targets[member.side][member.index] = start;
      // Pushed down to `start`, the step's content moves down with it.
      floor = Math.max(floor, stepEnd(layouts[member.side], member.index, zoom) + start - member.start);
    }
    floor = Math.max(floor, slotEnds[k] ?? 0);
  });
  return targets;
}

/** Lays both out again until every slot's steps start at the same height (a few passes: each only pushes down). */
function settle(sessions: readonly ComparedSession[], slots: readonly AlignedSlot[], steps: readonly (readonly StepLike[])[], slotEnds: readonly number[], options: LayoutOptions): Pair {
  let layouts: Pair = [layoutLadder(sessions[0]!.events, options), layoutLadder(sessions[1]!.events, options)];
  for (let pass = 0; pass < 50; pass += 1) {
    const [left, right] = stepTargets(layouts, slots, steps, slotEnds, options.zoom);
    const next: Pair = [layoutLadder(sessions[0]!.events, { ...options, stepStarts: left }), layoutLadder(sessions[1]!.events, { ...options, stepStarts: right })];
    const settled = next.every((layout, side) => layout.stepStarts.join() === layouts[side]!.stepStarts.join());
    layouts = next;
    if (settled) break;
  }
  return layouts;
}

const isUdp = (session: ComparedSession) => (session.proto !== undefined
  ? session.proto === 'udp'
  : !session.events.some((event) => event.kind === 'segment' || event.kind === 'state'));

/**
 * The UDP ladder's marks where the TCP one beside has a handshake, an ACK of data or a FIN:
 * at the height of the TCP row that shows it, or lower if the UDP ladder draws something
 * there. `slotEnds` says, by slot, how far down its marks reach.
 */
function absences(tcp: LadderLayout, udp: LadderLayout, tcpSlot: ReadonlyMap<number, number>): { marks: AbsenceMark[]; slotEnds: number[] } {
  const height = ABSENCE_HEIGHT * (udp.stepHeight / STEP_HEIGHT);
  const bands = occupiedBands(udp);
  const marks: AbsenceMark[] = [];
  const slotEnds: number[] = [];
  for (const feature of tcpFeatures(tcp)) {
    const slot = tcpSlot.get(feature.stepIndex);
    if (slot === undefined) continue;
    const y = freeTop(feature.y - height / 2, height, bands);
    marks.push({ kind: feature.kind, y, height });
    bands.push([y, y + height]);
    bands.sort((a, b) => a[0] - b[0]);
    slotEnds[slot] = Math.max(slotEnds[slot] ?? 0, y + height + ABSENCE_PAD);
  }
  return { marks, slotEnds };
}

/**
 * Two sessions side by side, lined up by what their programs do (compare-align.ts): the steps
 * that mean the same start at the same height, a step with no counterpart faces a gap, and a
 * UDP ladder beside a TCP one marks where TCP has what UDP has not. Event-spaced only: in
 * proportional time each ladder's y is its own time. Pure.
 */
export function layoutCompared(sessions: readonly ComparedSession[], options: LayoutOptions): LadderLayout[] {
  const alone = () => sessions.map((session) => layoutLadder(session.events, options));
  if (options.timeMode === 'proportional' || sessions.length !== 2) return alone();
  const steps = sessions.map((session) => session.steps ?? stepsOfEvents(session.events));
  const slots = alignSteps(steps[0]!.map(meaningKey), steps[1]!.map(meaningKey));
  if (slots.length === 0) return alone();
  const udpSide = sessions.findIndex(isUdp);
  const marked = udpSide >= 0 && !isUdp(sessions[1 - udpSide]!);
  const tcpSlot = new Map<number, number>();
  slots.forEach((slot, k) => {
    const index = udpSide === 0 ? slot.right : slot.left;
    if (index !== undefined) tcpSlot.set(index, k);
  });
  let slotEnds: number[] = [];
  let layouts = settle(sessions, slots, steps, slotEnds, options);
  let found = { marks: [] as AbsenceMark[], slotEnds: [] as number[] };
  // Each round makes room for the marks that did not fit where they belong; a round only ever asks for more room.
  for (let round = 0; marked; round += 1) {
    found = absences(layouts[1 - udpSide]!, layouts[udpSide]!, tcpSlot);
    const needed = Array.from({ length: Math.max(found.slotEnds.length, slotEnds.length) }, (_, k) => Math.max(found.slotEnds[k] ?? 0, slotEnds[k] ?? 0));
    if (round === 10 || needed.every((end, k) => end <= (slotEnds[k] ?? 0))) break;
    slotEnds = needed;
    layouts = settle(sessions, slots, steps, slotEnds, options);
  }
  const { marks } = found;
  const lowest = Math.max(0, ...marks.map((mark) => mark.y + mark.height + BOTTOM_PAD / 2));
  const height = Math.max(lowest, ...layouts.map((layout) => layout.height));
  return layouts.map((layout, side) => ({ ...layout, height, ...(side === udpSide && marks.length > 0 && { absences: marks }) }));
}
