import { z } from 'zod';
import { displayText } from './display-text.ts';
import { SessionEvent } from './events.ts';
import { CaptureStatus } from './messages.ts';
import { ProgramTexts } from './programs.ts';
import { ProgramRuntime, ScenarioInfo } from './scenario.ts';

/**
 * A recording: one or more tracks (ladders) with their events, stored and exchanged as JSON Lines.
 * Line 1 is the header ({"type":"recording","format":"sockscope","v":1,...}); every other line is
 * one event of one track ({"type":"event","track":"tcp-1","event":{...}}). A reader refuses a
 * version it does not know instead of guessing; the version changes when a field changes meaning.
 */
export const RECORDING_FORMAT = 'sockscope';
export const RECORDING_VERSION = 1;

/** Broken packets a header lists at most; `problemCount` says how many there were in all. */
export const MAX_LISTED_PROBLEMS = 1000;

/** A track's key on its event lines: lowercase letters, digits and dashes, e.g. `session`, `tcp-3`. */
export const TrackId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes, at most 64');

export const RecordingName = displayText(200);

/** One lifeline of a track: `client`/`server` for a session, `address:port` for an imported capture. */
export const TrackSide = z.object({
  name: z.string().min(1).max(64),
  /** The endpoint (`address:port`, or an address for ICMP) the lifeline stands for, where known. */
  endpoint: z.string().min(1).max(64).optional(),
  /** Who opened the connection (TCP: sent the SYN; UDP: spoke first) and who answered. */
  role: z.enum(['client', 'server']).optional(),
});
export type TrackSide = z.infer<typeof TrackSide>;

export const RecordingTrack = z.object({
  id: TrackId,
  title: z.string().min(1).max(200),
  proto: z.enum(['tcp', 'udp', 'icmp']),
  capture: CaptureStatus,
  /** The scenario a session ran; absent for an imported capture. */
  scenario: ScenarioInfo.optional(),
  /** The message the session's scenario sent. */
  message: z.string().optional(),
  /** Who made a session's calls (absent: Node, or an imported capture). */
  program: ProgramRuntime.optional(),
  /** A Python session's programs, as python3 ran them. */
  programs: ProgramTexts.optional(),
  sides: z.array(TrackSide).min(1),
  /** How many event lines of this track follow: a file cut short is refused, not half read. */
  events: z.number().int().min(0),
});
export type RecordingTrack = z.infer<typeof RecordingTrack>;

/** A packet of an imported capture that could not be read or decoded whole. */
export const BrokenPacket = z.object({
  /** 1-based packet number in the file (for a file that stops mid-record: the packet that would be next). */
  packet: z.number().int().positive(),
  /** Byte offset in the file of the packet's record (pcap) or block (pcapng). */
  offset: z.number().int().min(0).optional(),
  reason: z.string(),
});
export type BrokenPacket = z.infer<typeof BrokenPacket>;

export const RecordingOrigin = z.discriminatedUnion('kind', [
  /** A session sockscope ran on this machine's kernel. */
  z.object({ kind: z.literal('session'), scenario: z.string(), sessionId: z.string().optional() }),
  /** A pcap or pcapng file decoded by sockscope: one track per TCP connection, UDP flow or ICMP pair. */
  z.object({
    kind: z.literal('capture'),
    file: z.string(),
    format: z.enum(['pcap', 'pcapng']),
    bytes: z.number().int().min(0),
    packets: z.number().int().min(0),
    linkTypes: z.array(z.number().int().min(0)),
    /** Packets in no track: not IP, or neither TCP, UDP nor ICMP (ARP, IGMP, later IP fragments). */
    unassigned: z.number().int().min(0),
    /** False when the file stopped being readable part way; `problems` says where and why. */
    complete: z.boolean(),
    problemCount: z.number().int().min(0),
    problems: z.array(BrokenPacket).max(MAX_LISTED_PROBLEMS),
  }),
]);
export type RecordingOrigin = z.infer<typeof RecordingOrigin>;

export const RecordingHeader = z.object({
  type: z.literal('recording'),
  format: z.literal(RECORDING_FORMAT),
  v: z.literal(RECORDING_VERSION),
  name: RecordingName,
  /** When the recording was made (ISO 8601): the session's end, or the import. */
  createdAt: z.iso.datetime({ offset: true }),
  /** Wall-clock time of t = 0 (ISO 8601), where known: an imported capture's first packet. */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  origin: RecordingOrigin,
  tracks: z.array(RecordingTrack).superRefine((tracks, ctx) => {
    const seen = new Set<string>();
    tracks.forEach((track, index) => {
      if (seen.has(track.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${track.id}" is used by two tracks` });
      seen.add(track.id);
    });
  }),
});
export type RecordingHeader = z.infer<typeof RecordingHeader>;

export const RecordingEventLine = z.object({ type: z.literal('event'), track: TrackId, event: SessionEvent });
export type RecordingEventLine = z.infer<typeof RecordingEventLine>;

/** A track with its events, in arrival order (ids increasing). */
export type RecordedTrack = Omit<RecordingTrack, 'events'> & { events: SessionEvent[] };

/** A recording in memory: the header's fields with each track's events in place of its count. */
export interface Recording {
  name: string;
  createdAt: string;
  startedAt?: string;
  origin: RecordingOrigin;
  tracks: RecordedTrack[];
}

/** A stored recording as a list shows it. */
export const RecordingSummary = z.object({
  id: z.string(),
  name: RecordingName,
  createdAt: z.iso.datetime({ offset: true }),
  origin: z.enum(['session', 'capture']),
  /** The scenario a session ran. */
  scenario: z.string().optional(),
  /** The first track's title: the scenario's title, or the first connection of a capture. */
  title: z.string(),
  eventCount: z.number().int().min(0),
  trackCount: z.number().int().min(0),
  /** The first track's capture status: `inferred` says the packets were derived, not captured. */
  capture: CaptureStatus,
  /** The packets' bytes are kept (a pcap or pcapng file beside the events), so `pcap` export works. */
  hasCapture: z.boolean(),
  /** Without them, why: what the `pcap` export would answer, for a page to say before it is asked. */
  noCapture: z.string().optional(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;
