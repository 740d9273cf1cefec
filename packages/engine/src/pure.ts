// The engine's pure parts (no Node modules): the capture import uses them in Node and in the
// page's Web Worker alike, so it draws imported packets exactly as a session draws captured ones.
export { PacketMapper } from './packet-events.ts';
export { TcpStateTracker, type SegmentEnd, type StateChange, type TrackedSegment } from './tcp-state.ts';
