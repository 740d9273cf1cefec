import { z } from 'zod';

/**
 * The programs a session runs, as the server sends them: the exact text python3 was given, so
 * the page shows what ran and never writes a program of its own.
 */

/** Longest program text carried: a scenario's 64 steps make a few kilobytes. */
export const MAX_PROGRAM_CHARS = 64 * 1024;

export const ProgramText = z.object({
  side: z.enum(['client', 'server']),
  source: z.string().max(MAX_PROGRAM_CHARS),
  /** Per step of the scenario that this side runs: the 1-based lines it runs, in order. */
  steps: z.array(z.object({ step: z.number().int().min(0), lines: z.array(z.number().int().positive()) }).strict()),
}).strict();
export type ProgramText = z.infer<typeof ProgramText>;

/** A session's programs: none for Node (its calls are named in each event's `via`), one per side with a step for Python. */
export const ProgramTexts = z.array(ProgramText).max(2);
export type ProgramTexts = z.infer<typeof ProgramTexts>;

/** Whether this server can run Python programs, and if not, why. */
export const PythonAvailability = z.union([
  z.object({ available: z.literal(true), version: z.string().max(64).optional() }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type PythonAvailability = z.infer<typeof PythonAvailability>;
