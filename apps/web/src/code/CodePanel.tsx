import type { ProgramText } from '@sockscope/protocol';
import { useEffect, useMemo, useRef } from 'react';
import { stopFollowing } from '../class/class-store.ts';
import { rowOf } from '../class/class-view.ts';
import { cursorSpan } from '../kernel/kernel-view.ts';
import { useMessages } from '../messages.ts';
import { sessionTitle } from '../scenario-words.ts';
import { selectPresenting, useScreenStore } from '../screen-store.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { codeMarks, firstCallOfLine, lineKey, linesThatRan, type CodeLine, type CodeMarks } from './code-lines.ts';
import { selectCodeOpen, useCodeStore } from './code-store.ts';
import './code.css';

export const CODE_PANEL_ID = 'code-panel';

/** A program's line without its comment: what the call is. */
function codeOf(source: string, line: number): string {
  return (source.split('\n')[line - 1] ?? '').replace(/\s+#.*$/, '').trim();
}

/**
 * The Code pane: the focused session's programs as python3 runs them (sent by the server, never
 * written here), the line that made the event at the cursor marked, and the line that runs next.
 */
export function CodePanel({ ladders }: { ladders: ShownLadder[] }) {
  const text = useMessages();
  const presenting = useScreenStore(selectPresenting);
  const open = useCodeStore(selectCodeOpen)[presenting ? 'presenting' : 'page'];
  const focus = useViewStore((state) => state.focus);
  const ladder = ladders[Math.min(focus, ladders.length - 1)];
  if (!open || !ladder) return null;
  const { info } = ladder.slot;
  const programs = info.programs ?? [];
  return (
    <aside className="code-panel" id={CODE_PANEL_ID} aria-label={text.code.label}>
      {ladders.length > 1 && <h2 className="code-session">{sessionTitle(text, info)}</h2>}
      {programs.length > 0 ? <Programs ladder={ladder} programs={programs} />
        : <p className="code-none">{ladder.recorded?.recording.origin.kind === 'capture' ? text.code.capture : text.code.node}</p>}
    </aside>
  );
}

function Programs({ ladder, programs }: { ladder: ShownLadder; programs: ProgramText[] }) {
  const text = useMessages();
  const cursorRow = useViewStore((state) => state.cursor[ladder.sessionId] ?? -1);
  const { events } = ladder.slot;
  const { rows } = ladder.layout;
  const marks = useMemo(
    () => codeMarks(events, cursorSpan(events, rows, cursorRow), programs, ladder.slot.info.nextStep),
    [events, rows, cursorRow, programs, ladder.slot.info.nextStep],
  );
  const ran = useMemo(() => linesThatRan(events), [events]);
  const sourceOf = (mark: CodeLine) => programs.find((program) => program.side === mark.side)?.source ?? '';

  // A line shows its call: the ladder's cursor goes to the first event it made, and its detail opens.
  const showLine = (mark: CodeLine) => {
    const call = firstCallOfLine(events, mark);
    const row = call ? rowOf(ladder.layout, call.id) : -1;
    if (!call || row < 0) return;
    stopFollowing();
    const view = useViewStore.getState();
    view.setFocus(ladder.place);
    view.moveCursor(ladder.sessionId, row, rows.length);
    view.select({ sessionId: ladder.sessionId, eventId: call.id });
  };

  const { current, next } = marks;
  return (
    <>
      <p className="code-now">
        <span>{current ? text.code.now(current.side, current.line, current.exact, codeOf(sourceOf(current), current.line)) : text.code.nothingYet}</span>
        <span className="code-next-line">{next ? text.code.next(next.side, next.line, codeOf(sourceOf(next), next.line)) : text.code.done}</span>
      </p>
      {/* Client above server, as the ladder has the client on the left. */}
      {[...programs].sort((a, b) => a.side.localeCompare(b.side)).map((program) => (
        <Program key={program.side} program={program} marks={marks} ran={ran} onShow={showLine} />
      ))}
    </>
  );
}

function Program({ program, marks, ran, onShow }: {
  program: ProgramText; marks: CodeMarks; ran: ReadonlySet<string>; onShow: (line: CodeLine) => void;
}) {
  const text = useMessages();
  const scroller = useRef<HTMLOListElement>(null);
  const lines = useMemo(() => program.source.replace(/\n$/, '').split('\n'), [program.source]);
  const current = marks.current?.side === program.side ? marks.current : null;
  const next = marks.next?.side === program.side ? marks.next.line : null;
  const shownLine = current?.line ?? next;

  // The marked line scrolls into the program's own view, never the page's.
  useEffect(() => {
    const list = scroller.current;
    const item = shownLine === null ? null : list?.querySelector<HTMLElement>(`[data-line="${shownLine}"]`);
    if (!list || !item) return;
    // The list is the line's offset parent (it is positioned): offsetTop is within it.
    const top = item.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top - list.clientHeight / 3;
    }
  }, [shownLine]);

  return (
    <section className="code-program" aria-label={text.code.side(program.side)}>
      <h3>{text.code.side(program.side)}</h3>
      <ol className="code-lines" ref={scroller}>
        {lines.map((source, index) => {
          const line = index + 1;
          const isCurrent = current?.line === line;
          const mark: CodeLine = { side: program.side, line };
          const hash = source.search(/\s+#/);
          const body = hash >= 0 ? source.slice(0, hash) : source;
          const comment = hash >= 0 ? source.slice(hash) : '';
          const content = (
            <>
              <span className="code-number" aria-hidden="true">{line}</span>
              <code>{body}<span className="code-comment">{comment}</span></code>
            </>
          );
          return (
            <li key={line} data-line={line} aria-current={isCurrent ? 'true' : undefined}
              className={`${isCurrent ? (current.exact ? 'code-current' : 'code-last') : ''}${next === line ? ' code-next' : ''}`}>
              {ran.has(lineKey(mark))
                ? <button type="button" title={text.code.showCall(line)} onClick={() => onShow(mark)}>{content}</button>
                : <span className="code-line">{content}</span>}
              {isCurrent && <span className="visually-hidden">{` (${current.exact ? text.code.currentMark : text.code.lastMark})`}</span>}
              {next === line && <span className="code-next-tag">{text.code.nextTag}<span className="visually-hidden">{`: ${text.code.nextMark}`}</span></span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
