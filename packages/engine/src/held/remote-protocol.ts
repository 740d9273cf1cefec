import type { CaptureStatus, HoldOptions, Scenario, SessionEvent } from '@sockscope/protocol';

/** Messages between a RemoteSession and its child process in the session's network namespace. */
export type ParentMessage =
  | { type: 'open'; scenario: Scenario; message?: string; hold: HoldOptions }
  | { type: 'step'; seq: number }
  | { type: 'decide'; seq: number; verdict: 'delivered' | 'dropped'; packet?: number; all?: boolean }
  | { type: 'close'; seq: number };

export interface ChildState {
  nextStep: number;
}

export type ChildMessage =
  | { type: 'events'; events: SessionEvent[] }
  | { type: 'opened'; captureStatus: CaptureStatus }
  | { type: 'open-failed'; message: string }
  | { type: 'reply'; seq: number; state: ChildState; error?: { code?: string; message: string } };
