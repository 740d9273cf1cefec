import type { ProgramRuntime, Scenario, ScenarioStep } from './scenario.ts';

/** Why Node's `net` cannot make a step's calls as the step says; undefined where it can. */
function nodeCannot(step: ScenarioStep): string | undefined {
  if (step.op === 'listen' && step.reuseaddr === false) {
    return 'Node cannot bind() a TCP server without SO_REUSEADDR: libuv sets it on every listening socket before bind()';
  }
  if ((step.op === 'send' || step.op === 'recv') && step.via === 'fd') {
    return `Node cannot ${step.op === 'send' ? 'write()' : 'read()'} a socket's descriptor as a program does: libuv owns it, non-blocking, so a read() there would fail with EAGAIN instead of waiting, and race libuv's own reads`;
  }
  if (step.op === 'setsockopt' && step.option === 'TCP_QUICKACK') {
    return 'Node cannot set TCP_QUICKACK: its net.Socket has no such option';
  }
  return undefined;
}

/** Why `runtime` cannot run the scenario, naming its first step it cannot make; undefined when it can run it all. */
export function whyRuntimeCannotRun(scenario: Scenario, runtime: ProgramRuntime): string | undefined {
  // Python's socket and os modules make every call a step names.
  if (runtime === 'python') return undefined;
  for (const [index, step] of scenario.steps.entries()) {
    const why = nodeCannot(step);
    if (why) return `${scenario.name} step ${index + 1}: ${why}. Run it with the Python programs (--program python).`;
  }
  return undefined;
}

/** The runtime a session uses when none is chosen: Node where it can make every call, Python otherwise. */
export function defaultRuntime(scenario: Scenario): ProgramRuntime {
  return whyRuntimeCannotRun(scenario, 'node') ? 'python' : 'node';
}
