import { z } from 'zod';

/**
 * Text a person names something with, shown in the page, in file names and in HTTP headers:
 * trimmed, not empty, without control characters. A lone UTF-16 surrogate (which no UTF-8
 * encoder can write: `encodeURIComponent` throws on it, so an export would fail) is replaced by
 * U+FFFD, as a UTF-8 encoder would, so that names saved before this rule still read.
 */
export function displayText(max: number) {
  return z.preprocess((value) => (typeof value === 'string' ? wellFormed(value) : value), z.string().trim()
    .min(1, 'must not be empty').max(max, `at most ${max} characters`)
    .refine((text) => !/\p{Cc}/u.test(text), 'must not contain control characters'));
}

/** The text with each lone surrogate replaced by U+FFFD. With the u flag a pair is one code point, so only a lone half matches. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}
