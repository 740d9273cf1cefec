/**
 * How wide a label is drawn, without a browser: a width per character class at the font size.
 * Conservative on purpose, so that a label judged to fit does fit in every font the ladder
 * names: the figures are the widest of DejaVu Sans / Sans Mono (what Linux draws), Arial,
 * Consolas and Menlo, measured in Chromium, rounded up; Hangul and CJK take a full em, and any
 * other symbol (→, ✕, ⟳, from a fallback font) most of one.
 */
export interface TextStyle {
  size: number;
  mono: boolean;
  /** Extra space after each character, in em (the state and step labels' letter-spacing). */
  letterSpacing?: number;
}

/** A monospaced glyph's advance: 0.6 em in DejaVu Sans Mono, Menlo and Courier New, 0.55 in Consolas; rounded up. */
export const MONO_EM = 0.62;

const WIDE = /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

function sansAdvance(char: string): number {
  if (/[MWmw@%]/.test(char)) return 1.05;
  if (/[A-Z]/.test(char)) return 0.78;
  if (/[0-9]/.test(char)) return 0.72;
  if (/[a-z]/.test(char)) return 0.68;
  if (char === ' ') return 0.36;
  if (/[.,:;'!|()[\]{}/\\-]/.test(char)) return 0.45;
  return 0.8;
}

/** The width of `text` in pixels, at most what a browser draws it at. */
export function textWidth(text: string, style: TextStyle): number {
  let em = 0;
  for (const char of text) {
    if (WIDE.test(char)) em += 1;
    else if (char.charCodeAt(0) > 0x7e) em += 0.8;
    else em += style.mono ? MONO_EM : sansAdvance(char);
    em += style.letterSpacing ?? 0;
  }
  return em * style.size;
}

/** From a baseline, how far a line of text reaches up and down (Hangul's tallest glyphs included). */
export const ASCENT = 0.86;
export const DESCENT = 0.24;

/**
 * `text` cut to fit `width` with an ellipsis, the cut made where it keeps most: the whole text
 * when it fits. The full text stays in the item's accessible name and detail.
 */
export function shortened(text: string, width: number, style: TextStyle): string {
  if (textWidth(text, style) <= width) return text;
  const chars = [...text];
  for (let keep = chars.length - 1; keep > 0; keep -= 1) {
    const candidate = `${chars.slice(0, keep).join('').trimEnd()}…`;
    if (textWidth(candidate, style) <= width) return candidate;
  }
  return '…';
}
