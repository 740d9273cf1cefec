import { isForward, type StateEvent } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { recordedScenario, recordedScenarios } from './test-sessions.ts';

// Every built-in scenario as it ran on the kernel, captured and inferred: each socket's states
// follow RFC 9293's diagram, one arrow or a kernel reading that jumps ahead, never a step back.
describe('states never run backwards', () => {
  for (const scenario of recordedScenarios()) {
    for (const packets of ['captured', 'inferred'] as const) {
      it(`${scenario}, ${packets}`, () => {
        const states = recordedScenario(scenario, packets).filter((event): event is StateEvent => event.kind === 'state');
        const last = new Map<string, StateEvent>();
        const backwards: string[] = [];
        for (const state of states) {
          const before = last.get(state.socket);
          // Each change starts where the socket was, and goes forward from there.
          if (before && before.to !== state.from) backwards.push(`${state.socket}: #${state.id} starts at ${state.from}, but it was ${before.to}`);
          if (!isForward(state.from, state.to)) backwards.push(`${state.socket}: #${state.id} ${state.from} → ${state.to} (${state.source})`);
          last.set(state.socket, state);
        }
        expect(backwards).toEqual([]);
      });
    }
  }
});
