import { memo, type ReactNode } from 'react';
import { AbsenceMarkSvg } from './absence-mark.tsx';
import { arrowRoom, inwardRoom, monoStyle, stateStyle, type LaneGeometry } from './geometry.ts';
import { type ArrowItem, type BandItem, type CallItem, type DropItem, type LadderLayout, type Row } from './layout.ts';
import { shortened, textWidth } from './text-width.ts';
import { focusKey } from './focus-order.ts';
import { rowTone } from './row-tone.ts';
import { firstAtRow, visibleItems, type YRange } from './visible.ts';
import { laneTitle, type LadderWords } from './words.ts';

export interface LadderSvgProps {
  layout: LadderLayout;
  geometry: LaneGeometry;
  range: YRange;
  cursorRow: number;
  words: LadderWords;
  onSelect(row: number, eventId: number): void;
  /** The first row the last Step added: from it on, rows are drawn in full colour (row-tone.ts); none for a recording. */
  freshFrom?: number | undefined;
  /** The item (its focus-order.ts key) that is the ladder's one Tab stop; none for a picture. */
  tabStop?: string | undefined;
  /** Set when the svg is only this band of the ladder (a ladder taller than the browser lays out): its height, the band's top at its top. */
  slice?: YRange | undefined;
}

export function formatDuration(us: number): string {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 100_000 ? 0 : 1)} ms`;
  return `${Math.round(us)} µs`;
}

/**
 * An item the cursor can be put on (arrow, call, drop, state band): a button, chosen by click, Enter or Space; marked while the cursor is on it.
 * The ladder is one Tab stop (the item `tabStop` names); ↑ and ↓ move between its items in reading order.
 */
function Selectable({ className, current, label, eventId, stop, tabStop, onActivate, children }: {
  className: string; current?: boolean; label: string; eventId: number; stop: string; tabStop: string | undefined; onActivate: () => void; children: ReactNode;
}) {
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      onActivate();
    }
  };
  return (
    <g
      className={`${className}${current ? ' current' : ''}`} role="button" tabIndex={stop === tabStop ? 0 : -1} aria-current={current || undefined} aria-label={label}
      data-event-id={eventId} data-focus-key={stop} onClick={onActivate} onKeyDown={onKeyDown}
    >
      {children}
    </g>
  );
}

/** One session's ladder: lifelines, state tracks, call blocks and arrows, for the visible band only. */
export const LadderSvg = memo(function LadderSvg({ layout, geometry, range, cursorRow, words, onSelect, freshFrom, tabStop, slice }: LadderSvgProps) {
  const visible = visibleItems(layout, range);
  const { lanes } = layout;
  const stacks = stackedBands(layout.bands, visible.bands);
  const stated = statedRows(layout.bands, visible.calls);
  const laneTitles = Object.fromEntries(lanes.map((lane) => [lane.side, laneTitle(lane, words)]));
  const tone = (row: number) => rowTone(row, cursorRow, freshFrom);
  // A blocking call is as current as its newest end: entered in an earlier step, returned in this one, it is new.
  const spanTone = (start: number, end: number) => ((cursorRow >= start && cursorRow <= end) || tone(end) === '' ? '' : tone(start));
  const cursor = layout.rows[cursorRow];
  // A gap's length is written between the first two lifelines, clear of any lane's break mark.
  const [firstX = 0, secondX = firstX] = lanes.slice(0, 2).map((lane) => geometry.lifeline[lane.side] ?? 0);
  const middle = (firstX + secondX) / 2;
  // With the cursor on a retransmission, the segment it repeats is marked too: the two belong together.
  const atCursor = layout.arrows[firstAtRow(layout.arrows, cursorRow)];
  const repeatedId = atCursor?.row === cursorRow ? atCursor.retransmission?.of : undefined;
  let lastLabelY = -Infinity;
  const drawn = (
    <>
      <defs>
        {/* One marker per colour: a marker does not take the colour of the line it ends. */}
        {ARROWHEADS.map((kind) => (
          <marker key={kind} id={`arrowhead-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className={`arrowhead arrowhead-${kind}`} />
          </marker>
        ))}
      </defs>
      {cursor && (
        <rect className="cursor-row" x={0} y={cursor.y} width={geometry.width} height={(cursor.center - cursor.y) * 2} aria-hidden="true" />
      )}
      {visible.steps.map((step) => (
        <g key={`step-${step.index}`} className="step-mark" aria-hidden="true">
          <line x1={0} x2={geometry.width} y1={step.y + 4} y2={step.y + 4} />
          <text x={8} y={step.y + layout.stepHeight - 0.75 * geometry.fonts.step} fontSize={geometry.fonts.step}>
            {shortened(words.step(step.index + 1, step.label), geometry.width - 16, { ...stateStyle(geometry.fonts), size: geometry.fonts.step })}
          </text>
        </g>
      ))}
      {visible.gaps.map((gap) => (
        <g key={`gap-${gap.y}`} className="gap-mark" aria-hidden="true">
          <text x={middle} y={gap.y + layout.gapHeight / 2 + 0.4 * geometry.fonts.gap} textAnchor="middle" fontSize={geometry.fonts.gap}>{words.gap(formatDuration(gap.durationUs))}</text>
          {lanes.map((lane) => {
            const x = geometry.lifeline[lane.side] ?? 0;
            return <path key={lane.side} d={`M${x - 9},${gap.y + 9} l18,-4 M${x - 9},${gap.y + 17} l18,-4`} />;
          })}
        </g>
      ))}
      {layout.absences?.map((mark) => <AbsenceMarkSvg key={`n-${mark.kind}-${mark.y}`} mark={mark} geometry={geometry} words={words} />)}
      {lanes.map((lane) => {
        const x = geometry.lifeline[lane.side] ?? 0;
        return <line key={lane.side} className={`lifeline${lane.closed ? ' closed' : ''}`} x1={x} x2={x} y1={range.top - 50} y2={Math.min(layout.height, range.bottom + 50)} aria-hidden="true" />;
      })}
      {geometry.gutter > 0 && visible.rows.map((row) => (
        <text key={`t-${row.index}`} className={`row-time${tone(row.index)}`} x={geometry.gutter - 10} y={row.center + 0.4 * geometry.fonts.time} textAnchor="end" fontSize={geometry.fonts.time} aria-hidden="true">
          {(row.tUs / 1000).toFixed(3)}
        </text>
      ))}
      {spreadGroups(visible.rows, layout.rows).map(({ from, to }) => (
        // Rows closer in time than a row's height, drawn apart: a bracket at the left edge joins them.
        <path key={`s-${from}`} className="spread-mark" d={`M8,${from} H3 V${to} H8`}>
          <title>{words.spread}</title>
        </path>
      ))}
      {visible.bands.map((band) => (
        <Band key={`b-${band.event.id}`} band={band} stack={stacks.get(band.event.id) ?? 0} geometry={geometry} words={words} dim={tone(band.row)} tabStop={tabStop} onSelect={onSelect} />
      ))}
      {visible.calls.map((call) => (
        <Call key={`c-${call.key}`} call={call} stated={stated} geometry={geometry} words={words} dim={spanTone(call.rowStart, call.rowEnd)} cursorRow={cursorRow} tabStop={tabStop} onSelect={onSelect} />
      ))}
      {visible.drops.map((drop) => (
        <Drop key={`d-${drop.event.id}`} drop={drop} geometry={geometry} words={words} dim={tone(drop.row)} current={drop.row === cursorRow} tabStop={tabStop} onSelect={onSelect} />
      ))}
      {visible.arrows.map((arrow) => {
        const showLabel = arrow.y0 - lastLabelY >= 18;
        if (showLabel) lastLabelY = arrow.y0;
        return (
          <Arrow key={`a-${arrow.event.id}`} arrow={arrow} rowCenter={layout.rows[arrow.row]?.center ?? arrow.y0} geometry={geometry} words={words} laneTitles={laneTitles} showLabel={showLabel}
            dim={tone(arrow.row)} current={arrow.row === cursorRow} repeated={arrow.event.id === repeatedId} tabStop={tabStop} onSelect={onSelect} />
        );
      })}
    </>
  );
  // A slice of a ladder taller than the browser lays out: the page places it, and it draws its heights there.
  return (
    <svg
      className={`ladder-svg${geometry.compact ? ' compact' : ''}`} width={geometry.width} height={slice ? slice.bottom - slice.top : layout.height}
      role="group" aria-label={words.label}
    >
      {slice ? <g transform={`translate(0 ${-slice.top})`}>{drawn}</g> : drawn}
    </svg>
  );
});

/** Arrowheads by what the arrow is: a segment or datagram, a retransmission, an ICMP error. */
const ARROWHEADS = ['plain', 'retransmission', 'icmp'] as const;

/** What every item of the ladder is drawn with; `dim` is the class of an item greyed beside the cursor (row-tone.ts). */
interface ItemProps {
  geometry: LaneGeometry;
  words: LadderWords;
  dim: string;
  /** The item that is the ladder's Tab stop. */
  tabStop: string | undefined;
  onSelect: LadderSvgProps['onSelect'];
}

/** Where a side's calls and drops go: its lifeline and its call labels; undefined for a side not drawn. */
function onLifeline(geometry: LaneGeometry, side: string) {
  const x = geometry.lifeline[side];
  const labelAt = geometry.callLabel[side];
  // Toward the other lanes: rightward from the leftmost lifeline, leftward from any other.
  const inward = geometry.order.indexOf(side) === 0 ? 'start' as const : 'end' as const;
  return x === undefined || !labelAt ? undefined : { x, labelAt, inward };
}

function Arrow({ arrow, rowCenter, geometry, words, laneTitles, showLabel, dim, current, repeated, tabStop, onSelect }: ItemProps & {
  arrow: ArrowItem; rowCenter: number; laneTitles: Record<string, string>; showLabel: boolean; current: boolean; repeated: boolean;
}) {
  const x0 = geometry.lifeline[arrow.from];
  const x1 = geometry.lifeline[arrow.to];
  if (x0 === undefined || x1 === undefined) return null;
  const inferred = arrow.event.source === 'inferred';
  const direction = x1 > x0 ? 1 : -1;
  const start = x0 + direction * 9;
  const { flight } = arrow;
  // A packet in flight or dropped has not reached its receiver: its arrow stops halfway.
  const arrived = !flight || flight.state === 'delivered';
  const end = arrived ? x1 - direction * 9 : (x0 + x1) / 2;
  const source = words[inferred ? 'inferred' : 'captured'];
  const label = inferred ? `${arrow.label} (${words.inferred})` : arrow.label;
  const { retransmission } = arrow;
  const repeats = retransmission ? words.retransmission(retransmission.of) : undefined;
  const waited = retransmission?.waitUs !== undefined ? ` (+${formatDuration(retransmission.waitUs)})` : '';
  const head = retransmission ? 'retransmission' : arrow.event.kind === 'icmp' ? 'icmp' : 'plain';
  const fate = flight && (flight.state === 'in-flight' ? words.inFlight : words.held(flight.state === 'delivered', formatDuration(flight.heldUs)));
  const named = [arrow.label, repeats, fate].filter(Boolean).join(', ');
  // On its row's line: a held packet's arrow spans the rows it waited through, its labels stay on its own row, clear of theirs.
  const labelY = rowCenter;
  // Each label is centred on the arrow, moved or shortened (the full text is in the name) to stay in its room.
  const room = arrowRoom(geometry, arrow.from, arrow.to);
  const place = (text: string, size: number, mono: boolean) => {
    const style = mono ? monoStyle(size) : { ...stateStyle(geometry.fonts), size, letterSpacing: 0 };
    const fitted = shortened(text, room.right - room.left, style);
    const half = textWidth(fitted, style) / 2;
    return { text: fitted, x: Math.min(Math.max((start + end) / 2, room.left + half), room.right - half) };
  };
  // Level, so that a label's box is where its text is, whatever the arrow's lean.
  const main = place(label, geometry.fonts.arrow, true);
  const note = repeats ? place(`⟳ ${repeats}${waited}`, geometry.fonts.note, false) : undefined;
  return (
    <Selectable
      className={`arrow arrow-${arrow.event.kind}${retransmission ? ' retransmission' : ''}${repeated ? ' repeated' : ''}${inferred ? ' inferred' : ''}${flight ? ` held ${flight.state}` : ''}${dim}`} current={current}
      label={words.arrowName(named, laneTitles[arrow.from] ?? arrow.from, laneTitles[arrow.to] ?? arrow.to, source)}
      eventId={arrow.event.id} stop={focusKey.arrow(arrow.event.id)} tabStop={tabStop} onActivate={() => onSelect(arrow.row, arrow.event.id)}
    >
      <line className="arrow-hit" x1={start} y1={arrow.y0} x2={end} y2={arrow.y1} />
      <line className="arrow-line" x1={start} y1={arrow.y0} x2={end} y2={arrow.y1} markerEnd={arrived || flight?.state === 'in-flight' ? `url(#arrowhead-${head})` : undefined} />
      {flight?.state === 'dropped' && (
        <path className="held-drop" d={`M ${end - 8} ${arrow.y1 - 8} L ${end + 8} ${arrow.y1 + 8} M ${end + 8} ${arrow.y1 - 8} L ${end - 8} ${arrow.y1 + 8}`} />
      )}
      {flight && flight.state !== 'delivered' && (
        // Past its end, on its line, the way it was going: clear of the gap below and of a packet met from the other side.
        <text className="held-note" x={end + direction * 14} y={arrow.y1 + 0.36 * geometry.fonts.note} textAnchor={direction > 0 ? 'start' : 'end'} fontSize={geometry.fonts.note}>
          {flight.state === 'in-flight' ? words.inFlight : words.droppedHere}
        </text>
      )}
      {showLabel && (
        <text className="arrow-label" x={main.x} y={labelY - 0.7 * geometry.fonts.arrow} textAnchor="middle" fontSize={geometry.fonts.arrow}>
          {main.text}
        </text>
      )}
      {/* Always written, even where labels crowd: a retransmission must not pass unnoticed. */}
      {note && (
        <text className="arrow-note" x={note.x} y={labelY + 1.7 * geometry.fonts.note} textAnchor="middle" fontSize={geometry.fonts.note}>
          {note.text}
        </text>
      )}
    </Selectable>
  );
}

/** A red cross on the lifeline of the side whose kernel dropped packets, with what it dropped and why. */
function Drop({ drop, geometry, words, dim, current, tabStop, onSelect }: ItemProps & { drop: DropItem; current: boolean }) {
  const at = onLifeline(geometry, drop.side);
  if (!at) return null;
  const { x, inward } = at;
  const label = words.dropped(drop.event.count, drop.event.reason === 'accept-queue-full');
  const arm = 10;
  const labelX = x + (inward === 'start' ? arm + 12 : -arm - 12);
  return (
    <Selectable
      className={`drop${dim}`} current={current}
      label={words.dropName(label, words[drop.side === 'client' ? 'client' : 'server'], drop.event.socket)}
      eventId={drop.event.id} stop={focusKey.drop(drop.event.id)} tabStop={tabStop} onActivate={() => onSelect(drop.row, drop.event.id)}
    >
      <circle className="drop-disc" cx={x} cy={drop.y} r={arm + 5} />
      <path className="drop-cross" d={`M${x - arm},${drop.y - arm} L${x + arm},${drop.y + arm} M${x + arm},${drop.y - arm} L${x - arm},${drop.y + arm}`} />
      {/* Written toward the other lifeline: a drop has its row to itself, and the outer side may be too narrow. */}
      <text className="drop-label" x={labelX} y={drop.y + 0.36 * geometry.fonts.drop} textAnchor={inward} fontSize={geometry.fonts.drop}>
        {shortened(label, inwardRoom(geometry, drop.side, labelX, inward === 'start' ? 1 : -1), { ...stateStyle(geometry.fonts), size: geometry.fonts.drop, letterSpacing: 0 })}
      </text>
    </Selectable>
  );
}

function Call({ call, stated, geometry, words, dim, cursorRow, tabStop, onSelect }: ItemProps & { call: CallItem; stated: ReadonlySet<string>; cursorRow: number }) {
  const at = onLifeline(geometry, call.side);
  if (!at) return null;
  const { x, labelAt } = at;
  // On a row where its side writes no state name, a label may run over the state column as well.
  const room = (row: number) => (stated.has(`${row} ${call.side}`) ? labelAt.maxWidth : Math.max(labelAt.maxWidth, labelAt.reach ?? 0));
  const status = call.status === 'waiting' ? words.waiting : call.status === 'error' ? words.failed(call.exit?.errno ?? '') : words.returned(call.result.replace(/^→ /, ''));
  const current = cursorRow >= call.rowStart && cursorRow <= call.rowEnd;
  const eventId = (cursorRow === call.rowEnd ? call.exit?.id : undefined) ?? call.enter?.id ?? call.exit?.id ?? 0;
  const row = cursorRow === call.rowEnd ? call.rowEnd : call.rowStart;
  const startY = call.instant ? (call.y0 + call.y1) / 2 : call.y0 + 9;
  // A label too long for its column keeps its result and loses the end of its arguments.
  const style = monoStyle(geometry.fonts.call);
  const inline = call.instant && call.result ? ` ${call.result}` : '';
  return (
    <Selectable
      className={`call call-${call.status}${call.instant ? ' instant' : ''}${dim}`} current={current}
      label={words.callName(`${call.label}`, words[call.side === 'client' ? 'client' : 'server'], status)}
      eventId={eventId} stop={focusKey.call(call.key)} tabStop={tabStop} onActivate={() => onSelect(row, eventId)}
    >
      <rect className="call-block" x={x - 7} y={call.y0} width={14} height={Math.max(4, call.y1 - call.y0)} rx={3} />
      <text className="call-label" x={labelAt.x} y={startY + 0.36 * geometry.fonts.call} textAnchor={labelAt.anchor} fontSize={geometry.fonts.call}>
        {shortened(call.label, room(call.rowStart) - (inline ? textWidth(inline, style) : 0), style)}
        {inline && <tspan className={`call-result result-${call.status}`}>{inline}</tspan>}
      </text>
      {!call.instant && call.status !== 'waiting' && (
        <text className={`call-label call-result result-${call.status}`} x={labelAt.x} y={call.y1 - 0.3 * geometry.fonts.call} textAnchor={labelAt.anchor} fontSize={geometry.fonts.call}>
          {shortened(call.result, room(call.rowEnd), style)}
        </text>
      )}
    </Selectable>
  );
}

/** Runs of rows drawn apart from the row before each, from that row's line to the run's last. */
function spreadGroups(visible: readonly Row[], rows: readonly Row[]): { from: number; to: number }[] {
  const groups: { from: number; to: number }[] = [];
  for (const row of visible) {
    const before = rows[row.index - 1];
    if (!row.spreadPx || !before) continue;
    const last = groups.at(-1);
    if (last && last.to === before.center) last.to = row.center;
    else groups.push({ from: before.center, to: row.center });
  }
  return groups;
}

/** Where on its row each shown state's name goes: below another's when one side's sockets change together. */
function stackedBands(bands: readonly BandItem[], shown: readonly BandItem[]): Map<number, number> {
  const stack = new Map<number, number>();
  for (const band of shown) {
    let index = 0;
    for (let at = firstAtRow(bands, band.row); at < bands.length && bands[at] !== band; at += 1) if (bands[at]!.side === band.side) index += 1;
    stack.set(band.event.id, index);
  }
  return stack;
}

/** The rows, of those the shown calls are on, where a side writes a state name (`row side`). */
function statedRows(bands: readonly BandItem[], calls: readonly CallItem[]): Set<string> {
  const stated = new Set<string>();
  for (const row of new Set(calls.flatMap((call) => [call.rowStart, call.rowEnd]))) {
    for (let at = firstAtRow(bands, row); bands[at]?.row === row; at += 1) stated.add(`${row} ${bands[at]!.side}`);
  }
  return stated;
}

function Band({ band, stack, geometry, words, dim, tabStop, onSelect }: ItemProps & { band: BandItem; stack: number }) {
  const x = geometry.track[band.socket];
  const labelAt = geometry.stateLabel[band.side];
  if (x === undefined || !labelAt) return null;
  const kernel = band.event.source === 'kernel';
  return (
    <Selectable
      className={`band state-${band.state}${kernel ? ' kernel' : ''}${dim}`}
      label={words.stateName(band.state, words[band.side === 'client' ? 'client' : 'server'], band.socket)}
      eventId={band.event.id} stop={focusKey.band(band.event.id)} tabStop={tabStop} onActivate={() => onSelect(band.row, band.event.id)}
    >
      {band.y1 > band.y0 && <rect className="band-bar" x={x} y={band.y0} width={geometry.trackWidth} height={band.y1 - band.y0} rx={2} />}
      <circle className="band-start" cx={x + geometry.trackWidth / 2} cy={band.y0} r={5} />
      <text className="band-label" x={labelAt.x} y={band.y0 + 0.38 * geometry.fonts.state + stack * (geometry.fonts.state + 3)} textAnchor={labelAt.anchor} fontSize={geometry.fonts.state}>
        {!geometry.compact && <tspan className="band-socket">{band.socket} </tspan>}
        {band.state}
      </text>
    </Selectable>
  );
}
