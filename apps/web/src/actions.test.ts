import type { Recording, SessionInfo } from '@sockscope/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { runOrPause, runShown, stepShown } from './actions.ts';
import { useOpenedRecordings } from './recordings/opened-store.ts';
import { initialData, useSessionStore } from './session-store.ts';
import { useViewStore } from './view-store.ts';
import type { SessionCommands } from './ws-client.ts';

const STEPS = [{ index: 0, side: 'server', label: 'server: listen()' }, { index: 1, side: 'client', label: 'client: connect()' }] as const;

function session(id: string, overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id, scenario: 'tcp-echo', title: 'TCP echo', proto: 'tcp', message: 'hello', capture: { mode: 'pcap' },
    status: 'ready', nextStep: 0, steps: [...STEPS], lastEventId: 0, ...overrides,
  };
}

/** The page connected and showing these sessions, left to right. */
function showing(...infos: SessionInfo[]): void {
  useSessionStore.setState({
    ...initialData, connection: 'open', shown: infos.map((info) => info.id),
    sessions: Object.fromEntries(infos.map((info) => [info.id, { info, events: [] }])),
  });
}

/** The commands the actions sent, in order. */
function recordingCommands(): SessionCommands & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    open: () => sent.push('open'),
    step: (ids) => sent.push(`step ${ids.join(',')}`),
    run: (ids, paceMs) => sent.push(`run ${ids.join(',')} ${paceMs}`),
    pause: () => sent.push('pause'),
    reset: () => sent.push('reset'),
    deliver: () => sent.push('deliver'),
    drop: () => sent.push('drop'),
    ask: () => sent.push('ask'),
    answer: () => sent.push('answer'),
    reveal: () => sent.push('reveal'),
  };
}

const recording: Recording = {
  name: 'TCP echo', createdAt: '2026-12-03T12:00:00.000Z', origin: { kind: 'session', scenario: 'tcp-echo' },
  tracks: [{ id: 'session', title: 'TCP echo', proto: 'tcp', capture: { mode: 'pcap' }, sides: [{ name: 'client' }], events: [] }],
};

describe('the actions of Step, Run and Space', () => {
  beforeEach(() => {
    useSessionStore.setState(useSessionStore.getInitialState(), true);
    useViewStore.setState(useViewStore.getInitialState(), true);
    useOpenedRecordings.setState(useOpenedRecordings.getInitialState(), true);
  });

  it('steps each shown session that can step, and asks the view to read the step from its first row', () => {
    showing(session('tcp'), session('udp', { status: 'finished', nextStep: 2 }));
    const commands = recordingCommands();
    stepShown(commands);
    expect(commands.sent).toEqual(['step tcp']);
    expect(useViewStore.getState().stepRequested).toEqual({ tcp: true });
  });

  it('does nothing while a session is still stepping, or the connection is down', () => {
    showing(session('tcp'), session('udp', { status: 'stepping' }));
    const commands = recordingCommands();
    stepShown(commands);
    runShown(commands);
    useSessionStore.setState({ connection: 'reconnecting' });
    stepShown(commands);
    expect(commands.sent).toEqual([]);
    expect(useViewStore.getState().stepRequested).toEqual({});
  });

  it('runs at the chosen pace, and Space pauses a run', () => {
    showing(session('tcp'));
    useViewStore.getState().setPace(300);
    const commands = recordingCommands();
    runOrPause(commands);
    showing(session('tcp', { status: 'running' }));
    runOrPause(commands);
    expect(commands.sent).toEqual(['run tcp 300', 'pause']);
  });

  it('neither steps nor runs the live session while a recording is shown in its place', () => {
    showing(session('tcp'));
    useOpenedRecordings.getState().add({ key: 'r', id: 'r', recording });
    const commands = recordingCommands();
    stepShown(commands);
    runShown(commands);
    runOrPause(commands);
    expect(commands.sent).toEqual([]);
  });
});
