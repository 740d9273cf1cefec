import { useEffect, useState } from 'react';
import { selectPresenting, useScreenStore } from './screen-store.ts';

/** Presenter view's type, in CSS px, for a viewport: read from the back of a room at 1024×768, growing with the screen. */
export interface PresenterType {
  labelPx: number;
  explanationPx: number;
}

const clamp = (low: number, value: number, high: number) => Math.min(high, Math.max(low, value));

export function presenterType(width: number, height: number): PresenterType {
  const base = Math.min(width, height);
  return { labelPx: Math.round(clamp(18, base * 0.024, 30)), explanationPx: Math.round(clamp(24, base * 0.032, 40)) };
}

/** The type presenter view writes in now; null out of presenter view. */
export function usePresenterType(): PresenterType | null {
  const presenting = useScreenStore(selectPresenting);
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    if (!presenting) return;
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [presenting]);
  return presenting ? presenterType(size.width, size.height) : null;
}
