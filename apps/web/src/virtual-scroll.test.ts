import { describe, expect, it } from 'vitest';
import { contentTop, MAX_SCROLL_HEIGHT, scaled, scrollTopFor, virtualScroll } from './virtual-scroll.ts';

describe('scrolling a ladder of any length', () => {
  it('is the ladder itself while it fits the browser', () => {
    const scroll = virtualScroll(20_000, 600);
    expect(scaled(scroll)).toBe(false);
    expect(contentTop(scroll, 1234)).toBe(1234);
    expect(scrollTopFor(scroll, 1234)).toBe(1234);
  });

  it('reaches the end of a ladder far taller than the browser lays out, and its start', () => {
    // Two million events at 22.7 pixels.
    const scroll = virtualScroll(45_400_000, 600);
    expect(scroll.scroll).toBe(MAX_SCROLL_HEIGHT);
    expect(contentTop(scroll, 0)).toBe(0);
    expect(contentTop(scroll, MAX_SCROLL_HEIGHT - 600)).toBeCloseTo(45_400_000 - 600, 3);
    expect(contentTop(scroll, scrollTopFor(scroll, 30_000_000))).toBeCloseTo(30_000_000, 3);
  });
});
