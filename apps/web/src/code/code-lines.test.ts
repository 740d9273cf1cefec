import { byDrawingOrder, type ProgramTexts, type SessionEvent } from '@sockscope/protocol';
import { recordedPythonSession, recordedScenario } from '@sockscope/recordings/test-sessions';
import { describe, expect, it } from 'vitest';
import { codeMarks, firstCallOfLine, linesThatRan, type CodeLine } from './code-lines.ts';

const track = recordedPythonSession('tcp-echo').tracks[0]!;
const events: SessionEvent[] = [...track.events].sort(byDrawingOrder);
const programs: ProgramTexts = track.programs ?? [];
const stepCount = track.scenario?.steps.length ?? 0;

/** A marked line's code, without its comment: what a student reads there. */
function code(mark: CodeLine | null): string | undefined {
  if (!mark) return undefined;
  const source = programs.find((program) => program.side === mark.side)?.source ?? '';
  return `${mark.side}: ${source.split('\n')[mark.line - 1]?.replace(/\s+#.*$/, '').trim()}`;
}

const at = (index: number) => ({ start: index, end: index });
const indexOf = (test: (event: SessionEvent) => boolean) => {
  const index = events.findIndex(test);
  if (index < 0) throw new Error('the recording has no such event');
  return index;
};
const call = (side: string, fn: string, phase = 'enter') => indexOf((event) => event.kind === 'call' && event.side === side && event.fn === fn && event.phase === phase);

describe('the program lines marked for a cursor (a real tcp-echo of Python programs)', () => {
  it('marks the line of the call at the cursor, and the next call to begin', () => {
    const listen = codeMarks(events, at(call('server', 'listen')), programs, stepCount);
    expect(listen.current).toMatchObject({ exact: true });
    expect(code(listen.current)).toBe('server: listener.listen(511)');
    expect(code(listen.next)).toBe('server: conn, addr = listener.accept()');
    const listened = codeMarks(events, at(call('server', 'listen', 'return')), programs, stepCount);
    expect(code(listened.current)).toBe('server: listener.listen(511)');
    expect(code(listened.next)).toBe('server: conn, addr = listener.accept()');
    // accept() returns while the client's connect() step runs: the next call to begin is the server's recv().
    const accepted = codeMarks(events, at(call('server', 'accept', 'return')), programs, stepCount);
    expect(code(accepted.current)).toBe('server: conn, addr = listener.accept()');
    expect(code(accepted.next)).toBe('server: data = conn.recv(1024)');
  });

  it('at a packet, marks the last call before it, as not the line that made it', () => {
    const syn = indexOf((event) => event.kind === 'segment' && event.flags.join(',') === 'SYN');
    const marks = codeMarks(events, at(syn), programs, stepCount);
    expect(marks.current).toMatchObject({ exact: false });
    expect(code(marks.current)).toBe('client: client.connect((HOST, PORT))');
  });

  it('past the recorded events, the next line is the first of the step that runs next; none after the last step', () => {
    const firstStepEnd = call('server', 'listen', 'return');
    const live = events.slice(0, firstStepEnd + 1);
    expect(code(codeMarks(live, at(firstStepEnd), programs, 1).next)).toBe('server: conn, addr = listener.accept()');
    expect(code(codeMarks([], null, programs, 0).next)).toBe('server: listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)');
    expect(codeMarks([], null, programs, 0).current).toBeNull();
    expect(codeMarks(events, at(events.length - 1), programs, stepCount).next).toBeNull();
  });

  it('marks nothing for a Node session: it has no program text', () => {
    const node = recordedScenario('tcp-echo');
    expect(codeMarks(node, at(10), [], 3)).toEqual({ current: null, next: null });
  });

  it('finds the first call a line made, and which lines have run', () => {
    const acceptLine = codeMarks(events, at(call('server', 'accept', 'return')), programs, stepCount).current!;
    expect(firstCallOfLine(events, acceptLine)).toMatchObject({ fn: 'accept', phase: 'enter', side: 'server', id: events[call('server', 'accept')]!.id });
    const ran = linesThatRan(events);
    const callLines = events.flatMap((event) => (event.kind === 'call' && event.line !== undefined ? [`${event.side}:${event.line}`] : []));
    expect([...ran].sort()).toEqual([...new Set(callLines)].sort());
    expect(firstCallOfLine(events, { side: 'client', line: 1 })).toBeUndefined();
  });
});
