import { z } from 'zod';
import { envelope } from './envelope.ts';

/**
 * A class: a teacher's page shows, and the students' pages follow. The server relays the
 * teacher's view (what is shown, the cursor, the selection, the time axis) to every student;
 * each student draws it, and words it, in their own language.
 */

/** Letters and digits no one misreads from a projector: no 0/O, 1/I. */
export const CLASS_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CLASS_CODE_LENGTH = 5;
/** Typed by hand, so either case; the server reads it in capitals. */
export const ClassCode = z.string().regex(/^[2-9A-HJ-NP-Za-hj-np-z]{5}$/, `${CLASS_CODE_LENGTH} letters and digits, as the teacher's page shows`);
/** The address parameter of a class link: `/?class=CODE`. */
export const CLASS_PARAM = 'class';

/** A recording's track (TrackId in recording.ts, which imports messages.ts, which imports this file). */
const trackId = z.string().min(1).max(64);
const place = z.number().int().min(0).max(1);
const eventId = z.number().int().positive();

/** What the teacher's page shows: its live sessions, or a saved recording's tracks. */
export const ClassShown = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('live'), sessions: z.array(z.string().min(1).max(64)).min(1).max(2) }).strict(),
  z.object({
    kind: z.literal('recording'), id: z.string().min(1).max(128), name: z.string().max(200), tracks: z.array(trackId).min(1).max(2),
  }).strict(),
]);
export type ClassShown = z.infer<typeof ClassShown>;

export const ClassView = z.object({
  shown: ClassShown,
  /**
   * Per place, the event at the cursor (the first of its row), null before any. An event, not a
   * row: a student whose events arrive a moment later finds the same one once it is there.
   */
  cursor: z.array(eventId.nullable()).max(2),
  /** The ladder the cursor bar reads. */
  focus: place,
  /** The event whose detail is open. */
  selected: z.object({ place, eventId }).strict().nullable(),
  timeMode: z.enum(['event', 'proportional']),
  zoomIndex: z.number().int().min(0).max(32),
  /** The Code pane is open (its line follows the cursor); absent from pages before it existed: closed. */
  code: z.boolean().optional(),
}).strict();
export type ClassView = z.infer<typeof ClassView>;

/**
 * Where students can reach this server: only on this machine (it listens on localhost), or on the
 * room's network, with the machine's LAN address when it has one.
 */
export const ClassReach = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('local') }),
  z.object({ scope: z.literal('network'), lanAddress: z.string().max(64).optional() }),
]);
export type ClassReach = z.infer<typeof ClassReach>;


/** Client → server. `open-class` makes the sender's class (or answers with the one it has). */
export const OpenClass = z.object({ ...envelope, type: z.literal('open-class') });
/** Follow a class: the reply is the class, then its latest view and every later one. */
export const JoinClass = z.object({ ...envelope, type: z.literal('join-class'), code: ClassCode });
/** The teacher's view; refused with `not-presenter` from anyone else. */
export const SetClassView = z.object({ ...envelope, type: z.literal('class-view'), code: ClassCode, view: ClassView });

/**
 * Server → client: the class as this client sees it, on opening or joining it and whenever its
 * count of students changes; `ended` once its teacher has left for good.
 */
export const ClassInfoMessage = z.object({
  ...envelope,
  type: z.literal('class'),
  code: ClassCode,
  role: z.enum(['teacher', 'student']),
  status: z.enum(['open', 'ended']),
  /** Students following, each browser once. */
  students: z.number().int().min(0),
  reach: ClassReach,
});
export const ClassViewMessage = z.object({ v: envelope.v, type: z.literal('class-view'), code: ClassCode, view: ClassView });
