import type { SessionEvent } from '@sockscope/protocol';

/** A step as a session lists it: its side and its label (`client #2: send() "hel"`, `server: close() (listener)`). */
export interface StepLike {
  side: string;
  label: string;
}

/** Two ladders' steps side by side: a step of each that mean the same, or one with nothing beside it. */
export interface AlignedSlot {
  left?: number;
  right?: number;
}

/** TCP's and UDP's calls that do the same for the program: make a server ready, send, receive. */
const SAME_AS: Readonly<Record<string, string>> = {
  listen: 'ready', bind: 'ready', send: 'send', sendto: 'send', recv: 'receive', recvfrom: 'receive',
};

/** The call a step makes, by its label: `sendto` for `client: sendto() (message) ×20`; none for a label that names no call. */
export function stepCall(step: StepLike): string | undefined {
  return /^[^:]*:\s*([a-z_]+)\(/.exec(step.label)?.[1];
}

/**
 * What a step does for its program, on its side: `client send` for send() and sendto() alike.
 * The listener's close() is not the connection's (only the connection's sends a FIN); a label
 * that names no call (a written scenario's, an older recording's) means only itself.
 */
export function meaningKey(step: StepLike): string {
  const call = stepCall(step);
  if (!call) return `${step.side} ${step.label}`;
  const listener = call === 'close' && step.label.includes('(listener)') ? ' listener' : '';
  return `${step.side} ${SAME_AS[call] ?? call}${listener}`;
}

/** The steps a session's events have started, from their step notes: for a session whose list of steps is not known. */
export function stepsOfEvents(events: readonly SessionEvent[]): StepLike[] {
  const steps: StepLike[] = [];
  for (const event of events) {
    if (event.kind !== 'note' || event.code !== 'step-start' || !event.step) continue;
    const { index, label } = event.step;
    steps[index] = { side: /^(\w+)/.exec(label)?.[1] ?? '', label };
  }
  // A step whose note is missing keeps its place, meaning nothing another step means.
  return Array.from(steps, (step, index) => step ?? { side: '', label: `#${index}` });
}

/**
 * Lines two lists of meaning keys up: a longest common subsequence of equal keys share a slot;
 * between two such, the steps with no counterpart take a slot each (the other ladder leaves a
 * gap), in the order of their step numbers, the left one first on a tie. Pure.
 */
export function alignSteps(left: readonly string[], right: readonly string[]): AlignedSlot[] {
  const n = left.length;
  const m = right.length;
  // common[i][j]: the longest common subsequence of left[i..] and right[j..].
  const common = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      common[i]![j] = left[i] === right[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  // Of the pairs that keep the subsequence longest, each time the earliest (least steps skipped on both sides).
  const matches: [number, number][] = [];
  for (let i = 0, j = 0; common[i]![j]! > 0;) {
    let best: [number, number] = [n, m];
    for (let a = i; a < n; a += 1) {
      for (let b = j; b < m && a + b < best[0] + best[1]; b += 1) {
        if (left[a] === right[b] && common[a]![b] === common[i]![j]) best = [a, b];
      }
    }
    matches.push(best);
    [i, j] = [best[0] + 1, best[1] + 1];
  }
  const slots: AlignedSlot[] = [];
  let [i, j] = [0, 0];
  for (const [mi, mj] of [...matches, [n, m] as [number, number]]) {
    while (i < mi || j < mj) {
      if (i < mi && (j >= mj || i <= j)) slots.push({ left: i++ });
      else slots.push({ right: j++ });
    }
    if (mi < n && mj < m) slots.push({ left: mi, right: mj });
    [i, j] = [mi + 1, mj + 1];
  }
  return slots;
}
