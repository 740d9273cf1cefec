/**
 * Chromium lays nothing out taller than about 33.5 million pixels (1.5 million events at 22.7
 * pixels each): a longer ladder scrolls a shorter space, each pixel of it moving the ladder by
 * `(content - view) / (MAX_SCROLL_HEIGHT - view)` pixels, so its end is always in reach.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface VirtualScroll {
  /** The ladder's height, and the scrolled space's. */
  content: number;
  scroll: number;
  view: number;
}

export const virtualScroll = (content: number, view: number): VirtualScroll => ({ content, scroll: Math.min(content, MAX_SCROLL_HEIGHT), view });

/** Whether the scrolled space stands for a taller ladder (else a scroll position is a height on the ladder). */
export const scaled = (scroll: VirtualScroll) => scroll.content > scroll.scroll;

const ratio = ({ content, scroll, view }: VirtualScroll) => (scroll > view ? (content - view) / (scroll - view) : 1);

/** The ladder's height at the top of the view, for a scroll position. */
export const contentTop = (scroll: VirtualScroll, scrollTop: number) => (scaled(scroll) ? scrollTop * ratio(scroll) : scrollTop);

/** The scroll position that puts a height of the ladder at the top of the view. */
export const scrollTopFor = (scroll: VirtualScroll, top: number) => (scaled(scroll) ? top / ratio(scroll) : top);
