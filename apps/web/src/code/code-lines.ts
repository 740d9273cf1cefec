import type { CallEvent, ProgramTexts, SessionEvent } from '@sockscope/protocol';

/** A line of one side's program. */
export interface CodeLine {
  side: 'client' | 'server';
  /** 1-based, as the events' `line` counts. */
  line: number;
}

export interface CodeMarks {
  /**
   * The line of the call at the cursor (`exact`), or, at an event no line made (a packet, a
   * state), the line of the last call before it: what the program last did.
   */
  current: (CodeLine & { exact: boolean }) | null;
  /** The line that runs next: the next call the events show, or past them, the first line of the step that runs next. */
  next: CodeLine | null;
}

/** Where the cursor is in the events (drawing order): the indices of its row's span (kernel-view's cursorSpan). */
export interface Span {
  start: number;
  end: number;
}

type LinedCall = CallEvent & { side: 'client' | 'server'; line: number };

function linedCall(event: SessionEvent | undefined): event is LinedCall {
  return event?.kind === 'call' && event.line !== undefined && (event.side === 'client' || event.side === 'server');
}

const lineOf = (call: LinedCall): CodeLine => ({ side: call.side, line: call.line });

/** The first line of `step` in whichever program runs it; null when no program runs it (or every step has run). */
export function firstLineOfStep(programs: ProgramTexts, step: number): CodeLine | null {
  for (const program of programs) {
    const line = program.steps.find((entry) => entry.step === step)?.lines[0];
    if (line !== undefined) return { side: program.side, line };
  }
  return null;
}

/**
 * The program lines to mark for a cursor: pure, from the events in drawing order, the cursor's
 * span in them (null: no cursor yet) and the session's next step.
 */
export function codeMarks(events: readonly SessionEvent[], span: Span | null, programs: ProgramTexts, nextStep: number): CodeMarks {
  if (programs.length === 0) return { current: null, next: null };
  let current: CodeMarks['current'] = null;
  if (span) {
    const inRow = events.slice(span.start, span.end + 1).find(linedCall);
    if (inRow) current = { ...lineOf(inRow), exact: true };
    else {
      const before = events.slice(0, span.start).findLast(linedCall);
      if (before) current = { ...lineOf(before), exact: false };
    }
  }
  // A call's return is the same line finishing; what runs next is the next call to begin.
  const after = events.slice(span ? span.end + 1 : 0).find((event) => linedCall(event) && event.phase === 'enter');
  const next = linedCall(after) ? lineOf(after) : firstLineOfStep(programs, nextStep);
  return { current, next };
}

/** The first event a line made (its call's enter), to put the ladder's cursor on; undefined if it has not run. */
export function firstCallOfLine(events: readonly SessionEvent[], { side, line }: CodeLine): CallEvent | undefined {
  return events.find((event): event is LinedCall => linedCall(event) && event.side === side && event.line === line);
}

/** `side:line` of every line that has made a call so far. */
export function linesThatRan(events: readonly SessionEvent[]): ReadonlySet<string> {
  return new Set(events.filter(linedCall).map((call) => lineKey(lineOf(call))));
}

export const lineKey = ({ side, line }: CodeLine) => `${side}:${line}`;
