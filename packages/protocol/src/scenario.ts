import { z } from 'zod';

/** Longest message a session may send: it fits one loopback segment and one datagram. */
export const MAX_MESSAGE_BYTES = 4096;

export const CAPTURE_MODES = ['auto', 'pcap', 'off'] as const;
export const CaptureMode = z.enum(CAPTURE_MODES);
export type CaptureMode = z.infer<typeof CaptureMode>;

const side = z.enum(['client', 'server']);

/**
 * One socket operation on one side. `send` and `sendto` carry `data`: `message` sends the
 * session's message, `echo` sends back the bytes the same side received last.
 */
export const ScenarioStep = z.discriminatedUnion('op', [
  z.object({ op: z.literal('listen'), side: z.literal('server') }),
  z.object({ op: z.literal('accept'), side: z.literal('server') }),
  z.object({ op: z.literal('connect'), side: z.literal('client') }),
  z.object({ op: z.literal('bind'), side }),
  z.object({ op: z.literal('socket'), side }),
  z.object({ op: z.literal('send'), side, data: z.enum(['message', 'echo']) }),
  z.object({ op: z.literal('sendto'), side, data: z.enum(['message', 'echo']) }),
  z.object({ op: z.literal('recv'), side }),
  z.object({ op: z.literal('recvfrom'), side }),
  z.object({ op: z.literal('close'), side, socket: z.enum(['connection', 'listener']).optional() }),
]);
export type ScenarioStep = z.infer<typeof ScenarioStep>;

export const Scenario = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'),
  title: z.string().min(1),
  description: z.string(),
  proto: z.enum(['tcp', 'udp']),
  message: z.string().min(1).max(MAX_MESSAGE_BYTES),
  steps: z.array(ScenarioStep).min(1).max(200),
});
export type Scenario = z.infer<typeof Scenario>;

export const StepInfo = z.object({ index: z.number().int().min(0), side, label: z.string() });
export type StepInfo = z.infer<typeof StepInfo>;

export const ScenarioInfo = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  proto: z.enum(['tcp', 'udp']),
  message: z.string(),
  steps: z.array(StepInfo),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfo>;

/** The label a step is shown with, in Berkeley terms: `server: listen()`. */
export function stepLabel(step: ScenarioStep): string {
  const target = step.op === 'close' && step.socket === 'listener' ? ' (listener)' : '';
  const data = 'data' in step ? (step.data === 'echo' ? ' (echo)' : ' (message)') : '';
  return `${step.side}: ${step.op}()${data}${target}`;
}

export function describeScenario(scenario: Scenario): ScenarioInfo {
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.description,
    proto: scenario.proto,
    message: scenario.message,
    steps: scenario.steps.map((step, index) => ({ index, side: step.side, label: stepLabel(step) })),
  };
}
