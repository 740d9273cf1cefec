/**
 * One clock for every source: CLOCK_REALTIME in microseconds, the clock pcap timestamps use.
 * `Date.now()` is realtime but only in milliseconds; `performance.now()` is fine-grained but
 * monotonic, and drifts from realtime as NTP slews it. So each session anchors the monotonic
 * clock to the realtime clock at the instants a millisecond ticks over (each to within ~20 µs,
 * the median of several) and reads the monotonic clock from then on.
 */
export interface SessionClock {
  /** Realtime microseconds since the Unix epoch at the session's start. */
  readonly startUs: number;
  /** Microseconds since the session's start. */
  nowUs(): number;
  /** Converts a realtime timestamp (µs since the epoch, e.g. from pcap) to session time. */
  fromRealtimeUs(realtimeUs: number): number;
}

/** Millisecond edges to sample; their median resists the process being preempted mid-sample. */
const EDGES = 5;
/** An edge counts only if it was seen within this long of the previous reading. */
const EDGE_BRACKET_MS = 0.02;

function realtimeOffsetUs(): number {
  const offsets: number[] = [];
  let previousPerf = performance.now();
  let previous = Date.now();
  const deadline = previousPerf + 50;
  while (offsets.length < EDGES && performance.now() < deadline) {
    const perf = performance.now();
    const now = Date.now();
    if (now !== previous) {
      // The millisecond began between the two readings; a preempted sample brackets it loosely and is skipped.
      if (now === previous + 1 && perf - previousPerf < EDGE_BRACKET_MS) offsets.push(now * 1000 - ((previousPerf + perf) / 2) * 1000);
      previous = now;
    }
    previousPerf = perf;
  }
  if (offsets.length === 0) return Date.now() * 1000 - performance.now() * 1000;
  offsets.sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)] ?? 0;
}

export function startSessionClock(): SessionClock {
  const offsetUs = realtimeOffsetUs();
  const startUs = performance.now() * 1000 + offsetUs;
  return {
    startUs,
    nowUs: () => roundUs(performance.now() * 1000 + offsetUs - startUs),
    fromRealtimeUs: (realtimeUs) => roundUs(realtimeUs - startUs),
  };
}

/** Sub-microsecond digits are noise from float arithmetic; keep one decimal for ns captures. */
function roundUs(us: number): number {
  return Math.round(us * 10) / 10;
}
