import { z } from 'zod';
import { BerkeleyCall } from './events.ts';

/*
 * "What happens next?": a session's presenter asks everyone watching it to predict the next
 * thing the kernel (or a call) does, watchers answer, the presenter reveals. The messages'
 * fields live here; messages.ts puts each in its union with the envelope (v, requestId).
 */

/**
 * What a choice says happens next, by meaning; each page words it in its own language.
 * Packets: `syn`, `syn-ack`, `ack` (a segment without data), `data`, `fin`, `rst`, `retransmission`
 * (a segment sent again), `datagram`, `icmp-unreachable` (port unreachable), `icmp` (another
 * ICMP message), `drop` (the kernel drops packets); calls: `accepted` (accept() returns a new
 * socket), `connected` (connect() returns: connected), `received` (recv() or recvfrom() returns
 * bytes), `eof` (recv() returns 0), `error` (a call fails with errno), `blocks` (the call waits:
 * nothing arrives); `nothing` (nothing at all happens).
 */
export const CHOICE_KEYS = [
  'syn', 'syn-ack', 'ack', 'data', 'fin', 'rst', 'retransmission', 'datagram', 'icmp-unreachable', 'icmp', 'drop',
  'accepted', 'connected', 'received', 'eof', 'error', 'blocks', 'nothing',
] as const;
export type ChoiceKey = (typeof CHOICE_KEYS)[number];

export const Choice = z.object({
  key: z.enum(CHOICE_KEYS),
  /** Whose kernel sends the packet, or whose call it is. */
  side: z.string().min(1).max(64).optional(),
  fn: BerkeleyCall.optional(),
  errno: z.string().regex(/^E[A-Z0-9]{1,30}$/).optional(),
}).strict();
export type Choice = z.infer<typeof Choice>;

export const MAX_CHOICES = 4;
export const QuestionId = z.string().min(1).max(64);
const sessionId = z.string().min(1).max(64);
const choiceIndex = z.number().int().min(0).max(MAX_CHOICES - 1);
const count = z.number().int().min(0);

export const Question = z.object({
  id: QuestionId,
  sessionId,
  choices: z.array(Choice).min(2).max(MAX_CHOICES),
  /** The event at the presenter's cursor when asked: the question is about what follows it. */
  after: count,
  /** Set when the question is about a step's first effect: the step (its label as the session lists it). */
  step: z.object({ index: count, label: z.string() }).optional(),
  /** Said to a watcher about itself: the choice it answered, when it did (after a reload, say). */
  chosen: choiceIndex.optional(),
});
export type Question = z.infer<typeof Question>;

// client → server
/** The presenter asks about what follows the event `after` (0: before the first). */
export const askFields = { type: z.literal('ask'), sessionId, after: count };
/** A watcher's answer; a later one replaces it until the reveal. */
export const answerFields = { type: z.literal('answer'), sessionId, questionId: QuestionId, choice: choiceIndex };
/** The presenter reveals: the server steps the session first when the answer has not happened yet. */
export const revealFields = { type: z.literal('reveal'), sessionId, questionId: QuestionId };

// server → client
/** To everyone watching the session, and to one who joins while it is open. */
export const questionFields = { type: z.literal('question'), question: Question };
/** To the presenter, live: how many answered, and how many chose each choice. */
export const tallyFields = { type: z.literal('tally'), sessionId, questionId: QuestionId, answers: count, counts: z.array(count).max(MAX_CHOICES) };
/**
 * To everyone watching: the choice that was right (null when the real event is none of them,
 * which can happen only for a question asked before its step ran), what really happened, and
 * the event every page moves its cursor to.
 */
export const revealedFields = {
  type: z.literal('revealed'), sessionId, questionId: QuestionId, right: choiceIndex.nullable(), answer: Choice,
  eventId: z.number().int().positive(),
};
