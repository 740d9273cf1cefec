import { z } from 'zod';
import { displayText } from './display-text.ts';

/** Longest text a step may send: it fits one loopback segment and one datagram. */
export const MAX_MESSAGE_BYTES = 4096;
/** Most bytes one `send` of `{ bytes }` may write: enough to fill a receive window many times over. */
export const MAX_BULK_BYTES = 1024 * 1024;
/** Limits that keep a scenario a teacher writes harmless on a shared machine. */
export const SCENARIO_LIMITS = {
  steps: 64,
  /** Connections one side may open (client) or accept (server). */
  connections: 8,
  waitMs: 5000,
  totalWaitMs: 20_000,
  burst: 64,
  backlog: 128,
  totalBulkBytes: 4 * 1024 * 1024,
  recvBufferBytes: 1024 * 1024,
} as const;

export const CAPTURE_MODES = ['auto', 'pcap', 'off'] as const;
export const CaptureMode = z.enum(CAPTURE_MODES);
export type CaptureMode = z.infer<typeof CaptureMode>;

/** Who makes a session's socket calls: Node's net and dgram, or a pair of generated Python programs. */
export const PROGRAM_RUNTIMES = ['node', 'python'] as const;
export const ProgramRuntime = z.enum(PROGRAM_RUNTIMES);
export type ProgramRuntime = z.infer<typeof ProgramRuntime>;

const side = z.enum(['client', 'server']);
const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const Text = z.string().min(1).refine((text) => utf8Length(text) <= MAX_MESSAGE_BYTES, {
  message: `at most ${MAX_MESSAGE_BYTES} bytes`,
});

/**
 * What a send carries: `message` is the session's message, `echo` the bytes this side received
 * last, `{ text }` the given text, `{ bytes }` that many bytes of a repeating pattern.
 */
export const SendData = z.union([
  z.enum(['message', 'echo']),
  z.object({ text: Text }).strict(),
  z.object({ bytes: z.number().int().min(1).max(MAX_BULK_BYTES) }).strict(),
]);
export type SendData = z.infer<typeof SendData>;

/** Where a client connects or sends: the session's server, or a port of the same address where nothing listens. */
export const Target = z.enum(['server', 'closed-port']);
export type Target = z.infer<typeof Target>;

/** Which of a side's TCP connections a step acts on, 1 = the first made; by default the latest. */
const conn = z.number().int().min(1).max(SCENARIO_LIMITS.connections).optional();
/** `fd`: write()/read() on the socket's file descriptor instead of send()/recv(): a socket is a file. */
const via = z.literal('fd').optional();

/** The socket options a step may set: SO_RCVBUF on a UDP socket, the TCP ones on a connection. */
export const SOCKET_OPTIONS = ['SO_RCVBUF', 'TCP_NODELAY', 'TCP_QUICKACK'] as const;
export type SocketOption = (typeof SOCKET_OPTIONS)[number];
/** The options a setsockopt step of each protocol may set, in the order an editor offers them. */
export const OPTIONS_BY_PROTO: Record<'tcp' | 'udp', readonly SocketOption[]> = { tcp: ['TCP_NODELAY', 'TCP_QUICKACK'], udp: ['SO_RCVBUF'] };

/** One socket operation (or a pause) on one side. */
export const ScenarioStep = z.discriminatedUnion('op', [
  /** `reuseaddr: false`: bind() without setting SO_REUSEADDR first. */
  z.object({
    op: z.literal('listen'), side: z.literal('server'), backlog: z.number().int().min(0).max(SCENARIO_LIMITS.backlog).optional(),
    reuseaddr: z.boolean().optional(),
  }).strict(),
  z.object({ op: z.literal('accept'), side: z.literal('server') }).strict(),
  z.object({ op: z.literal('connect'), side: z.literal('client'), to: Target.optional() }).strict(),
  z.object({ op: z.literal('bind'), side }).strict(),
  z.object({ op: z.literal('socket'), side }).strict(),
  /** SO_RCVBUF: bytes; TCP_NODELAY and TCP_QUICKACK: 0 or 1, on a connection (`conn`). */
  z.object({
    op: z.literal('setsockopt'), side, option: z.enum(SOCKET_OPTIONS),
    value: z.number().int().min(0).max(SCENARIO_LIMITS.recvBufferBytes), conn,
  }).strict(),
  /** `count`: that many send() calls one right after the other, in one step. */
  z.object({
    op: z.literal('send'), side, data: SendData, conn, via,
    count: z.number().int().min(1).max(SCENARIO_LIMITS.burst).optional(),
  }).strict(),
  z.object({
    op: z.literal('sendto'), side, data: SendData, to: Target.optional(),
    count: z.number().int().min(1).max(SCENARIO_LIMITS.burst).optional(),
  }).strict(),
  /** `all`: recv() again and again until the peer's FIN (end of file). */
  z.object({ op: z.literal('recv'), side, conn, all: z.boolean().optional(), via }).strict(),
  z.object({ op: z.literal('recvfrom'), side }).strict(),
  /** shutdown(SHUT_WR): this side sends its FIN and may still receive. */
  z.object({ op: z.literal('shutdown'), side, conn }).strict(),
  /** `linger: 0`: SO_LINGER with a zero timeout, so close() resets the connection (RST, no FIN). */
  z.object({
    op: z.literal('close'), side, socket: z.enum(['connection', 'listener']).optional(), conn,
    linger: z.literal(0).optional(),
  }).strict(),
  /** The program does nothing for a while; the kernel keeps working (retransmissions, probes, timers). */
  z.object({ op: z.literal('wait'), side, ms: z.number().int().min(1).max(SCENARIO_LIMITS.waitMs) }).strict(),
]);
export type ScenarioStep = z.infer<typeof ScenarioStep>;
export type StepOp = ScenarioStep['op'];

const TCP_ONLY: ReadonlySet<StepOp> = new Set(['listen', 'accept', 'send', 'recv', 'shutdown']);
const UDP_ONLY: ReadonlySet<StepOp> = new Set(['socket', 'bind', 'sendto', 'recvfrom']);

/** The operations a scenario of each protocol may use, in the order an editor offers them. */
export const OPS_BY_PROTO: Record<'tcp' | 'udp', readonly StepOp[]> = {
  tcp: ['listen', 'accept', 'connect', 'setsockopt', 'send', 'recv', 'shutdown', 'close', 'wait'],
  udp: ['socket', 'bind', 'setsockopt', 'connect', 'sendto', 'recvfrom', 'close', 'wait'],
};

export const Scenario = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes, at most 64'),
  title: displayText(120),
  description: z.string().max(2000),
  proto: z.enum(['tcp', 'udp']),
  message: Text,
  steps: z.array(ScenarioStep).min(1).max(SCENARIO_LIMITS.steps),
}).strict().superRefine((scenario, ctx) => {
  let waited = 0;
  let bulk = 0;
  const connections = { client: 0, server: 0 };
  scenario.steps.forEach((step, index) => {
    const path = ['steps', index, 'op'];
    // Each connect() opens a connection and each accept() takes one: the side's count, as conn numbers them.
    if (scenario.proto === 'tcp' && (step.op === 'connect' || step.op === 'accept')) {
      connections[step.side] += 1;
      if (connections[step.side] === SCENARIO_LIMITS.connections + 1) {
        ctx.addIssue({ code: 'custom', path, message: `the ${step.side} would have ${SCENARIO_LIMITS.connections + 1} connections; at most ${SCENARIO_LIMITS.connections} a side` });
      }
    }
    if (scenario.proto === 'udp' && TCP_ONLY.has(step.op)) {
      ctx.addIssue({ code: 'custom', path, message: `${step.op}() is a TCP operation; this scenario is UDP` });
    }
    if (scenario.proto === 'tcp' && UDP_ONLY.has(step.op)) {
      ctx.addIssue({ code: 'custom', path, message: `${step.op}() is a UDP operation; this scenario is TCP` });
    }
    if (scenario.proto === 'udp' && step.op === 'close' && (step.socket || step.conn || step.linger !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['steps', index], message: 'socket, conn and linger apply to TCP only' });
    }
    if (step.op === 'setsockopt') {
      const problem = optionProblem(scenario.proto, step);
      if (problem) ctx.addIssue({ code: 'custom', path: ['steps', index, problem.field], message: problem.message });
    }
    if (step.op === 'wait') waited += step.ms;
    if ((step.op === 'send' || step.op === 'sendto') && typeof step.data === 'object' && 'bytes' in step.data) {
      bulk += step.data.bytes * (step.count ?? 1);
    }
  });
  if (waited > SCENARIO_LIMITS.totalWaitMs) {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: `waits add up to ${waited} ms; at most ${SCENARIO_LIMITS.totalWaitMs} ms` });
  }
  if (bulk > SCENARIO_LIMITS.totalBulkBytes) {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: `sends add up to ${bulk} bytes; at most ${SCENARIO_LIMITS.totalBulkBytes}` });
  }
});
export type Scenario = z.infer<typeof Scenario>;

/** What is wrong with a setsockopt step in a scenario of `proto`: the option for the other protocol, or a value it does not take. */
function optionProblem(proto: 'tcp' | 'udp', step: Extract<ScenarioStep, { op: 'setsockopt' }>): { field: string; message: string } | undefined {
  const tcpOption = OPTIONS_BY_PROTO.tcp.includes(step.option);
  if (proto === 'udp' && tcpOption) return { field: 'option', message: `${step.option} is a TCP option; this scenario is UDP` };
  if (proto === 'tcp' && !tcpOption) return { field: 'option', message: `${step.option} is set on a UDP socket here; this scenario is TCP` };
  if (tcpOption && step.value > 1) return { field: 'value', message: `${step.option} is 0 (off) or 1 (on)` };
  if (!tcpOption && step.value < 1) return { field: 'value', message: `${step.option} is at least 1 byte` };
  if (proto === 'udp' && step.conn !== undefined) return { field: 'conn', message: 'conn applies to TCP only' };
  return undefined;
}

export const StepInfo = z.object({ index: z.number().int().min(0), side, label: z.string() });
export type StepInfo = z.infer<typeof StepInfo>;

export const ScenarioInfo = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  proto: z.enum(['tcp', 'udp']),
  message: z.string(),
  steps: z.array(StepInfo),
  /** The scenario itself, so a page can show it, edit a copy or save it as a file. */
  definition: Scenario.optional(),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfo>;

function dataLabel(data: SendData): string {
  if (data === 'echo') return ' (echo)';
  if (data === 'message') return ' (message)';
  if ('text' in data) return ` ${JSON.stringify(data.text.length > 24 ? `${data.text.slice(0, 24)}…` : data.text)}`;
  return ` (${data.bytes} bytes)`;
}

/** The label a step is shown with, in Berkeley terms: `server: listen()`, `client: shutdown(SHUT_WR)`. */
export function stepLabel(step: ScenarioStep): string {
  const who = 'conn' in step && step.conn ? `${step.side} #${step.conn}` : step.side;
  switch (step.op) {
    case 'listen': {
      const without = step.reuseaddr === false ? ' without SO_REUSEADDR' : '';
      return `${who}: listen(${step.backlog === undefined ? '' : `backlog ${step.backlog}`})${without}`;
    }
    case 'connect': return `${who}: connect()${step.to === 'closed-port' ? ' to a closed port' : ''}`;
    case 'setsockopt': return `${who}: setsockopt(${step.option} ${step.value})`;
    case 'send': {
      const times = step.count && step.count > 1 ? ` ×${step.count}` : '';
      return `${who}: ${step.via === 'fd' ? 'write' : 'send'}()${dataLabel(step.data)}${times}`;
    }
    case 'sendto': {
      const times = step.count && step.count > 1 ? ` ×${step.count}` : '';
      return `${who}: sendto()${dataLabel(step.data)}${times}${step.to === 'closed-port' ? ' to a closed port' : ''}`;
    }
    case 'recv': return `${who}: ${step.via === 'fd' ? 'read' : 'recv'}()${step.all ? ' until end of file' : ''}`;
    case 'shutdown': return `${who}: shutdown(SHUT_WR)`;
    case 'close': {
      const target = step.socket === 'listener' ? ' (listener)' : '';
      return `${who}: close()${target}${step.linger === 0 ? ' with SO_LINGER 0' : ''}`;
    }
    case 'wait': return `${who}: sleep(${step.ms} ms)`;
    default: return `${who}: ${step.op}()`;
  }
}

export function describeScenario(scenario: Scenario): ScenarioInfo {
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.description,
    proto: scenario.proto,
    message: scenario.message,
    steps: scenario.steps.map((step, index) => ({ index, side: step.side, label: stepLabel(step) })),
    definition: scenario,
  };
}
