/**
 * One clock for every source: CLOCK_REALTIME in microseconds, the clock pcap timestamps use.
 * `Date.now()` is realtime but only in milliseconds; `performance.now()` is fine-grained but
 * monotonic, and drifts from realtime as NTP slews it. So each session anchors the monotonic
 * clock to the realtime clock at the instant a millisecond ticks over, which is accurate to
 * about a microsecond, and reads the monotonic clock from then on.
 */
export interface SessionClock {
  /** Realtime microseconds since the Unix epoch at the session's start. */
  readonly startUs: number;
  /** Microseconds since the session's start. */
  nowUs(): number;
  /** Converts a realtime timestamp (µs since the epoch, e.g. from pcap) to session time. */
  fromRealtimeUs(realtimeUs: number): number;
}

function realtimeOffsetUs(): number {
  const before = Date.now();
  let tick = Date.now();
  while (tick === before) tick = Date.now();
  return tick * 1000 - performance.now() * 1000;
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
