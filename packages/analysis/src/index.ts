// Packets to events, shared by the engine's sessions and the capture import (in Node and in the
// page's Web Worker alike), so an imported packet is drawn exactly as a captured one.
// Pure: no Node modules (browser-safe.test.ts walks the imports to keep it so).
export { capturedFlags, PacketMapper } from './packet-events.ts';
export { RetransmitTracker } from './retransmissions.ts';
export { TcpConnectionAnalysis, type AnalyzedSegment, type SegmentNumbers } from './sequence-analysis.ts';
export { TcpStateTracker, type SegmentEnd, type StateChange, type TrackedSegment } from './tcp-state.ts';
export { answerQuestion, nextEventQuestion, rightChoice, type NextEventQuestion, type NoQuestion, type QuestionAnswer, type QuestionScenario } from './next-event-question.ts';
