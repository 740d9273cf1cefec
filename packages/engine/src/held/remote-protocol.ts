import type { CaptureMode, CaptureStatus, HoldOptions, ProgramRuntime, ProgramTexts, Scenario, SessionEvent } from '@sockscope/protocol';

/** Messages between a RemoteSession and its child process in the session's network namespace. */
export type ParentMessage =
  | { type: 'open'; scenario: Scenario; message?: string; capture: CaptureMode; hold?: HoldOptions; program?: ProgramRuntime }
  | { type: 'step'; seq: number }
  | { type: 'decide'; seq: number; verdict: 'delivered' | 'dropped'; packet?: number; all?: boolean }
  | { type: 'close'; seq: number };

export interface ChildState {
  nextStep: number;
}

export type ChildMessage =
  /** The process is up in its namespace, lo is up and its modules are loaded: it can take a session. */
  | { type: 'ready' }
  | { type: 'events'; events: SessionEvent[] }
  | { type: 'opened'; captureStatus: CaptureStatus; clockStartUs: number; programs: ProgramTexts }
  | { type: 'open-failed'; code?: string; message: string }
  /** tcpdump's pcap stream, base64, sent once the session is closed and before the close's reply. */
  | { type: 'capture'; pcap: string }
  | { type: 'reply'; seq: number; state: ChildState; error?: { code?: string; message: string } };
