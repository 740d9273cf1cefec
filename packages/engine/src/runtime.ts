import { defaultRuntime, whyRuntimeCannotRun, type ProgramRuntime, type Scenario } from '@sockscope/protocol';
import { SessionError } from './errors.ts';

/** The runtime that runs the scenario: the one chosen, or the default; fails with `runtime-unavailable` and the reason when the chosen one cannot. */
export function runtimeFor(scenario: Scenario, chosen: ProgramRuntime | undefined): ProgramRuntime {
  const program = chosen ?? defaultRuntime(scenario);
  const why = whyRuntimeCannotRun(scenario, program);
  if (why) throw new SessionError('runtime-unavailable', why);
  return program;
}
