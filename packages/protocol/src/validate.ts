import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates `input` and explains the first problems with their field paths, e.g. `steps.2.op: ...`. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(message)';
    return `${path}: ${issue.message}`;
  });
  return { ok: false, error: problems.join('; ') };
}
