import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ladderRules, MONO_FONTS, SANS_FONTS } from './ladder-stylesheet.ts';

describe('the ladder rules an exported picture writes onto its elements', () => {
  const css = `
    :root { --danger: #a4161a; --mono: ui-monospace, monospace; font-family: system-ui, sans-serif; }
    /* a comment { with braces } */
    .panel { fill: red; }
    .ladder-svg { display: block; font-size: 15px; }
    .ladder-svg .arrow.inferred .arrow-line { stroke-dasharray: 7 5; stroke: #5e6670; }
    .ladder-svg .arrow-line { stroke: #1b2128; stroke-width: 2; cursor: pointer; }
    .ladder-svg .arrow:hover .arrow-line { stroke: blue; }
    .ladder-svg .arrow-icmp .arrow-line, .detail td { stroke: var(--danger); }
    .ladder-svg .arrow-label { font-family: var(--mono); }
    @media (max-width: 1599px) { .ladder-svg .arrow-line { stroke: green; } }
    .ladder-svg .band-label tspan:not(.band-socket) { fill: inherit; }
  `;
  const rules = ladderRules(css);
  const bySelector = new Map(rules.map((rule) => [rule.selector, rule]));

  it('keeps only what styles the ladder and draws: no other element, no hover, no media query, no layout', () => {
    expect(rules.map((rule) => rule.selector).sort()).toEqual([
      '.ladder-svg', '.ladder-svg .arrow-icmp .arrow-line', '.ladder-svg .arrow-label', '.ladder-svg .arrow-line',
      '.ladder-svg .arrow.inferred .arrow-line', '.ladder-svg .band-label tspan:not(.band-socket)',
    ]);
    expect(bySelector.get('.ladder-svg')?.declarations).toEqual([['font-size', '15']]);
    expect(bySelector.get('.ladder-svg .arrow-line')?.declarations).toEqual([['stroke', '#1b2128'], ['stroke-width', '2']]);
  });

  it('resolves custom properties and writes fonts that every system has', () => {
    expect(bySelector.get('.ladder-svg .arrow-icmp .arrow-line')?.declarations).toEqual([['stroke', '#a4161a']]);
    expect(bySelector.get('.ladder-svg .arrow-label')?.declarations).toEqual([['font-family', MONO_FONTS]]);
    expect(MONO_FONTS).toMatch(/Consolas.*monospace$/);
    expect(SANS_FONTS).toMatch(/Arial.*Malgun Gothic.*sans-serif$/);
  });

  it('orders rules as the cascade does: less specific first, then as written', () => {
    const order = rules.map((rule) => rule.selector);
    expect(order.indexOf('.ladder-svg .arrow-line')).toBeLessThan(order.indexOf('.ladder-svg .arrow.inferred .arrow-line'));
    expect(order.indexOf('.ladder-svg .arrow-line')).toBeLessThan(order.indexOf('.ladder-svg .arrow-icmp .arrow-line'));
    expect(bySelector.get('.ladder-svg .band-label tspan:not(.band-socket)')?.specificity).toBe(301);
  });

  it('reads the ladder\'s real stylesheet: every drawn part of the ladder has a rule, and no custom property is left', () => {
    const page = ladderRules(readFileSync(new URL('./ladder.css', import.meta.url), 'utf8'));
    for (const part of ['.lifeline', '.arrow-line', '.arrow-label', '.call-block', '.call-label', '.band-label', '.step-mark text', '.state-ESTABLISHED']) {
      expect(page.some((rule) => rule.selector.endsWith(part)), part).toBe(true);
    }
    expect(page.flatMap((rule) => rule.declarations.map(([, value]) => value)).filter((value) => /var\(/.test(value))).toEqual([]);
  });
});
