import { describe, expect, it } from 'vitest';
import { presenterType } from './presenter-type.ts';

describe("presenter view's type", () => {
  it('reads from a back row on an old projector, at 150 % zoom, and grows with a bigger screen up to a ceiling', () => {
    expect(presenterType(1024, 768)).toEqual({ labelPx: 18, explanationPx: 25 });
    expect(presenterType(683, 512)).toEqual({ labelPx: 18, explanationPx: 24 });
    expect(presenterType(1920, 1080)).toEqual({ labelPx: 26, explanationPx: 35 });
    expect(presenterType(3840, 2160)).toEqual({ labelPx: 30, explanationPx: 40 });
  });
});
