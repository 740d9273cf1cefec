import {
  MAX_CLIENT_MESSAGE_BYTES, OPS_BY_PROTO, OPTIONS_BY_PROTO, PROTOCOL_VERSION, Scenario, type ScenarioStep, type SendData, type StepOp,
} from '@sockscope/protocol';

/**
 * The scenario editor's logic, kept pure: the draft a teacher writes, the edits made to it, and
 * its validation with the same `Scenario` schema the server applies.
 */

export type Proto = Scenario['proto'];
export type Side = ScenarioStep['side'];
export const SIDES: readonly Side[] = ['client', 'server'];

/** A step being edited, with an id that stays with it while steps move (list keys, focus). */
export interface DraftStep {
  id: number;
  step: ScenarioStep;
}

/**
 * The scenario being written. Its values may still break the schema's rules (an empty text, a
 * wait too long, a cleared number, which is NaN): validation says where, and Start and Save wait
 * until there is nothing to fix.
 */
export interface Draft {
  name: string;
  title: string;
  description: string;
  proto: Proto;
  message: string;
  steps: DraftStep[];
}

const SERVER_ONLY: ReadonlySet<StepOp> = new Set(['listen', 'accept']);
const CLIENT_ONLY: ReadonlySet<StepOp> = new Set(['connect']);

/** The sides an operation may run on: only a server listens and accepts, only a client connects. */
export function sidesFor(op: StepOp): readonly Side[] {
  if (SERVER_ONLY.has(op)) return ['server'];
  if (CLIENT_ONLY.has(op)) return ['client'];
  return SIDES;
}

/** The operations a side may run in a scenario of `proto`, in the editor's order. */
export function opsFor(proto: Proto, side: Side): StepOp[] {
  return OPS_BY_PROTO[proto].filter((op) => sidesFor(op).includes(side));
}

/** A step of `op` with its required arguments filled in, ready to edit. */
export function defaultStep(op: StepOp, side: Side, proto: Proto = 'tcp'): ScenarioStep {
  switch (op) {
    case 'listen': return { op, side: 'server' };
    case 'accept': return { op, side: 'server' };
    case 'connect': return { op, side: 'client' };
    case 'setsockopt': return proto === 'tcp' ? { op, side, option: 'TCP_NODELAY', value: 1 } : { op, side, option: 'SO_RCVBUF', value: 4096 };
    case 'send': return { op, side, data: 'message' };
    case 'sendto': return { op, side, data: 'message' };
    case 'wait': return { op, side, ms: 1000 };
    case 'bind': case 'socket': case 'recv': case 'recvfrom': case 'shutdown': case 'close':
      return { op, side };
  }
}

/** The step as `op`, keeping its side where the op allows it, and the data and connection it shares. */
export function withOp(step: ScenarioStep, op: StepOp, proto: Proto = 'tcp'): ScenarioStep {
  const sides = sidesFor(op);
  const next: Record<string, unknown> = { ...defaultStep(op, sides.includes(step.side) ? step.side : sides[0]!, proto) };
  if ('data' in next && 'data' in step) next.data = step.data;
  if (op === 'send' || op === 'recv' || op === 'shutdown' || op === 'close') {
    if ('conn' in step && step.conn !== undefined) next.conn = step.conn;
  }
  return next as ScenarioStep;
}

/** The step on `side`; an op that side cannot run becomes the first one it can. */
export function withSide(step: ScenarioStep, side: Side, proto: Proto): ScenarioStep {
  if (!sidesFor(step.op).includes(side)) return defaultStep(opsFor(proto, side)[0] ?? 'wait', side, proto);
  // Only a server has a listener to close.
  if (step.op === 'close' && side === 'client') return withArg({ ...step, side }, 'socket', undefined);
  // Checked above: the op runs on `side`.
  return { ...step, side } as ScenarioStep;
}

/** Sets an argument, or removes it when `value` is undefined (an optional one left at its default). */
export function withArg<S extends ScenarioStep, K extends keyof S & string>(step: S, key: K, value: S[K] | undefined): S {
  const next = { ...step };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A close of the listener has no connection number and no linger: those belong to connections. */
export function withCloseSocket(step: Extract<ScenarioStep, { op: 'close' }>, socket: 'connection' | 'listener'): ScenarioStep {
  if (socket === 'connection') return withArg(step, 'socket', undefined);
  const { conn: _conn, linger: _linger, ...rest } = step;
  return { ...rest, socket };
}

export type DataKind = 'message' | 'echo' | 'text' | 'bytes';

export function dataKind(data: SendData): DataKind {
  if (typeof data === 'string') return data;
  return 'text' in data ? 'text' : 'bytes';
}

/** Data of another kind; a text starts empty (and is asked for), bulk starts at 1024 bytes. */
export function dataOfKind(kind: DataKind): SendData {
  if (kind === 'text') return { text: '' };
  if (kind === 'bytes') return { bytes: 1024 };
  return kind;
}

const TCP_ONLY_CLOSE = ['socket', 'conn', 'linger'] as const;

/**
 * The steps a scenario keeps when it switches to `proto`: those the protocol cannot run are
 * removed (the editor names them and asks first), and a close loses the options only TCP has.
 */
export function switchProto(steps: DraftStep[], proto: Proto): { steps: DraftStep[]; removed: DraftStep[]; adapted: DraftStep[] } {
  const allowed = new Set<StepOp>(OPS_BY_PROTO[proto]);
  const kept: DraftStep[] = [];
  const removed: DraftStep[] = [];
  const adapted: DraftStep[] = [];
  for (const entry of steps) {
    const { step } = entry;
    // A socket option belongs to one protocol's sockets.
    if (!allowed.has(step.op) || (step.op === 'setsockopt' && !OPTIONS_BY_PROTO[proto].includes(step.option))) {
      removed.push(entry);
    } else if (proto === 'udp' && step.op === 'close' && TCP_ONLY_CLOSE.some((key) => step[key] !== undefined)) {
      const { socket: _socket, conn: _conn, linger: _linger, ...plain } = step;
      const changed = { id: entry.id, step: plain };
      adapted.push(changed);
      kept.push(changed);
    } else {
      kept.push(entry);
    }
  }
  return { steps: kept, removed, adapted };
}

function nextId(steps: DraftStep[]): number {
  return steps.reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
}

/** A new step at the end: a first step opens the server (listen, or bind for UDP); later ones send the message. */
export function addStep(steps: DraftStep[], proto: Proto): DraftStep[] {
  let step: ScenarioStep;
  if (steps.length === 0) step = defaultStep(proto === 'tcp' ? 'listen' : 'bind', 'server', proto);
  else step = defaultStep(proto === 'tcp' ? 'send' : 'sendto', 'client', proto);
  return [...steps, { id: nextId(steps), step }];
}

export function replaceStep(steps: DraftStep[], id: number, step: ScenarioStep): DraftStep[] {
  return steps.map((entry) => (entry.id === id ? { id, step } : entry));
}

/** Moves a step one place up (-1) or down (+1); at either end it stays. */
export function moveStep(steps: DraftStep[], id: number, by: -1 | 1): DraftStep[] {
  const from = steps.findIndex((entry) => entry.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= steps.length) return steps;
  const next = [...steps];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function removeStep(steps: DraftStep[], id: number): DraftStep[] {
  return steps.filter((entry) => entry.id !== id);
}

export function fromScenario(scenario: Scenario): Draft {
  const { steps, ...rest } = scenario;
  return { ...rest, steps: steps.map((step, index) => ({ id: index + 1, step })) };
}

/** A scenario of one step to start from. */
export function blankDraft(title: string): Draft {
  return { name: 'my-scenario', title, description: '', proto: 'tcp', message: 'hello', steps: addStep([], 'tcp') };
}

/** A copy of a built-in scenario under a name of its own, so saving it never passes for the original. */
export function copyOf(scenario: Scenario, title: string): Draft {
  return { ...fromScenario(scenario), name: `${scenario.name.slice(0, 59)}-copy`, title: title.slice(0, 120) };
}

/** The draft in the documented format, fields in the documented order: what is validated, run and saved. */
export function toScenario(draft: Draft): Scenario {
  return {
    name: draft.name, title: draft.title, description: draft.description, proto: draft.proto, message: draft.message,
    steps: draft.steps.map(({ step: { op, side, ...args } }) => ({ op, side, ...args }) as ScenarioStep),
  };
}

/** One thing to fix: where (`steps.2.ms`, as the server names it) and why, in the schema's terms. */
export interface Problem {
  path: (string | number)[];
  code: string;
  /** What the schema's check applied to: a number, a string, an array. */
  origin?: string;
  /** The type the schema expected, where the value had another (`int` for 2.5). */
  expected?: string;
  minimum?: number;
  maximum?: number;
  /** The size found, where the limit is one of size (the request to the server). */
  actual?: number;
  /** The schema's own words, used where the editor has none of its own. */
  message: string;
}

export type Validation = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Bytes of the create-session request that would carry the scenario to the server. */
export function requestBytes(scenario: Scenario): number {
  const request = { v: PROTOCOL_VERSION, requestId: 'r000000', type: 'create-session', scenario };
  return new TextEncoder().encode(JSON.stringify(request)).length;
}

/** One issue the schema reports (the page takes zod through the protocol package only). */
type Issue = NonNullable<ReturnType<typeof Scenario.safeParse>['error']>['issues'][number];

/**
 * The schema's issue as problems. A union (a send's data) that no option matches reports only
 * "Invalid input"; where one option matched the shape and failed on a value inside it (a byte
 * count of 2.5), that option's own issues say much more, so they are shown instead.
 */
function toProblems(issue: Issue, prefix: (string | number)[]): Problem[] {
  const path = [...prefix, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')];
  if (issue.code === 'invalid_union') {
    const shaped = issue.errors.filter((option) => option.every((inner) => inner.path.length > 0));
    if (shaped.length === 1) return shaped[0]!.flatMap((inner) => toProblems(inner, path));
  }
  return [{
    path,
    code: issue.code,
    message: issue.message,
    ...('origin' in issue && typeof issue.origin === 'string' && { origin: issue.origin }),
    ...('expected' in issue && typeof issue.expected === 'string' && { expected: issue.expected }),
    ...('minimum' in issue && { minimum: Number(issue.minimum) }),
    ...('maximum' in issue && { maximum: Number(issue.maximum) }),
  }];
}

/** Validates the draft with the server's own schema, and checks that it fits one WebSocket message. */
export function validateDraft(draft: Draft): Validation {
  const parsed = Scenario.safeParse(toScenario(draft));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, [])) };
  const bytes = requestBytes(parsed.data);
  if (bytes > MAX_CLIENT_MESSAGE_BYTES) {
    return {
      ok: false,
      problems: [{
        path: [], code: 'too_big', origin: 'request', maximum: MAX_CLIENT_MESSAGE_BYTES, actual: bytes,
        message: `the request has ${bytes} bytes; at most ${MAX_CLIENT_MESSAGE_BYTES}`,
      }],
    };
  }
  return { ok: true, scenario: parsed.data };
}

/** The problems of the step at `index`. */
export function stepProblems(problems: Problem[], index: number): Problem[] {
  return problems.filter((problem) => problem.path[0] === 'steps' && problem.path[1] === index);
}

/** The problems of one top-level field (`title`, `name`, …), or of the step list as a whole (`steps`). */
export function fieldProblems(problems: Problem[], field: string): Problem[] {
  return problems.filter((problem) => problem.path[0] === field && (field !== 'steps' || typeof problem.path[1] !== 'number'));
}

/** The argument a problem is about: the last name in its path (`text` in `steps.2.data.text`). */
export function problemField(problem: Problem): string | undefined {
  return problem.path.findLast((key): key is string => typeof key === 'string');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A draft read back from storage, or null when it is not one. Only the shape is checked: values
 * the schema would refuse are the draft's business, and validation shows them.
 */
export function restoreDraft(raw: unknown): Draft | null {
  if (!isObject(raw) || !Array.isArray(raw.steps)) return null;
  const texts = ['name', 'title', 'description', 'message'] as const;
  if (!texts.every((key) => typeof raw[key] === 'string')) return null;
  if (raw.proto !== 'tcp' && raw.proto !== 'udp') return null;
  const ops = new Set<string>([...OPS_BY_PROTO.tcp, ...OPS_BY_PROTO.udp]);
  const steps: DraftStep[] = [];
  for (const entry of raw.steps) {
    const step = isObject(entry) && isObject(entry.step) ? entry.step : undefined;
    if (!step || typeof entry.id !== 'number' || !ops.has(String(step.op)) || (step.side !== 'client' && step.side !== 'server')) return null;
    if ('data' in step) {
      const { data } = step;
      const known = data === 'message' || data === 'echo' || (isObject(data) && (typeof data.text === 'string' || typeof data.bytes === 'number'));
      if (!known) return null;
    }
    steps.push({ id: entry.id, step: step as unknown as ScenarioStep });
  }
  if (new Set(steps.map((entry) => entry.id)).size !== steps.length) return null;
  return {
    name: raw.name as string, title: raw.title as string, description: raw.description as string,
    proto: raw.proto, message: raw.message as string, steps,
  };
}
