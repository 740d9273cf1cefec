/**
 * One clock for every source inside a session: CLOCK_MONOTONIC in microseconds. Node's
 * `process.hrtime`, Python's `time.monotonic_ns()` and the packet queue helper's
 * `clock_gettime(CLOCK_MONOTONIC)` all read it, in every process on the machine, and nothing
 * steps it: a realtime clock stepped by NTP (a freshly booted CI machine) once drew connect()
 * returning before the SYN it waited for. Only pcap timestamps are realtime; they are mapped
 * through the offset between the two clocks, measured at the instants a millisecond of
 * `Date.now()` ticks over (each to within ~20 µs, the median of several) and measured again
 * when the realtime clock is seen to have been stepped.
 */
export interface SessionClock {
  /** Realtime microseconds since the Unix epoch at the session's start. */
  readonly startUs: number;
  /** Microseconds since the session's start. */
  nowUs(): number;
  /** Converts a CLOCK_MONOTONIC reading (µs) from any process to session time. */
  fromMonotonicUs(monotonicUs: number): number;
  /** Converts a realtime timestamp (µs since the epoch, e.g. from pcap) to session time. */
  fromRealtimeUs(realtimeUs: number): number;
}

/** Millisecond edges to sample; their median resists the process being preempted mid-sample. */
const EDGES = 5;
/** An edge counts only if it was seen within this long of the previous reading. */
const EDGE_BRACKET_US = 20;
/** `Date.now()` truncates to its millisecond: a fresh reading further than this from the offset means a step. */
const STEP_US = 2000;

/** CLOCK_MONOTONIC in microseconds. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/** Realtime minus monotonic, µs. */
function realtimeOffsetUs(): number {
  const offsets: number[] = [];
  let before = monotonicUs();
  let previous = Date.now();
  const deadline = before + 100_000;
  while (offsets.length < EDGES && before < deadline) {
    const start = monotonicUs();
    const now = Date.now();
    const end = monotonicUs();
    if (now !== previous) {
      // The millisecond began after the previous reading (taken after `before`) and before this one
      // (taken before `end`); a sample preempted anywhere in between brackets it loosely and is skipped.
      if (now === previous + 1 && end - before < EDGE_BRACKET_US) offsets.push(now * 1000 - (before + end) / 2);
      previous = now;
    }
    before = start;
  }
  if (offsets.length === 0) return Math.round(Date.now() * 1000 - monotonicUs());
  offsets.sort((a, b) => a - b);
  // Whole microseconds: realtime readings near 2^51 µs keep their fractions only if the sums stay whole.
  return Math.round(offsets[Math.floor(offsets.length / 2)] ?? 0);
}

export function startSessionClock(): SessionClock {
  let offsetUs = realtimeOffsetUs();
  const startMonoUs = Math.round(monotonicUs());
  const fromMonotonicUs = (mono: number) => roundUs(mono - startMonoUs);
  return {
    startUs: startMonoUs + offsetUs,
    nowUs: () => fromMonotonicUs(monotonicUs()),
    fromMonotonicUs,
    fromRealtimeUs: (realtimeUs) => {
      const drift = Date.now() * 1000 - monotonicUs() - offsetUs;
      if (drift > STEP_US || drift < -STEP_US) offsetUs = realtimeOffsetUs();
      return fromMonotonicUs(realtimeUs - offsetUs);
    },
  };
}

/** Sub-microsecond digits are noise from float arithmetic; keep one decimal for ns captures. */
function roundUs(us: number): number {
  return Math.round(us * 10) / 10;
}
