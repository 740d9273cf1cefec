import { ASCENT, DESCENT, textWidth } from './text-width.ts';
import type { XmlDocument, XmlElement } from './xml-dom.ts';

/** A text's box in the picture's coordinates, as the width estimate draws it. */
export interface TextBox {
  text: string;
  /** False for the picture's own title and subtitle, which span all its ladders. */
  inLadder: boolean;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** `translate(x y)` and `rotate(a cx cy)`, the only transforms a ladder picture carries. */
function transformOf(element: XmlElement): { dx: number; dy: number; rotate?: [number, number, number] } {
  const value = element.getAttribute('transform') ?? '';
  const translate = /translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(value);
  const rotate = /rotate\(\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(value);
  return {
    dx: translate ? Number(translate[1]) : 0,
    dy: translate ? Number(translate[2]) : 0,
    ...(rotate && { rotate: [Number(rotate[1]), Number(rotate[2]), Number(rotate[3])] as [number, number, number] }),
  };
}

/** Where the picture's groups moved their contents, added up from the text to the root. */
function offsetOf(element: XmlElement): { dx: number; dy: number } {
  let dx = 0;
  let dy = 0;
  for (let parent = element.parentNode as XmlElement | null; parent && parent.getAttribute; parent = parent.parentNode as XmlElement | null) {
    const { dx: x, dy: y } = transformOf(parent);
    dx += x;
    dy += y;
  }
  return { dx, dy };
}

/**
 * Every visible text of a standalone picture (standalone-svg.ts: every style an attribute) with
 * its box, by the conservative width estimate. A halo (the white copy drawn under a label) is
 * the label's own: left out.
 */
export function textBoxes(document: XmlDocument): TextBox[] {
  const boxes: TextBox[] = [];
  for (const element of Array.from(document.querySelectorAll('text'))) {
    const fill = element.getAttribute('fill');
    const text = element.textContent ?? '';
    if (fill === '#fff' || fill === '#ffffff' || text.trim() === '') continue;
    const size = Number(element.getAttribute('font-size') ?? 16);
    const mono = /monospace/.test(element.getAttribute('font-family') ?? '');
    const spacing = element.getAttribute('letter-spacing') ?? '0';
    const letterSpacing = spacing.endsWith('em') ? Number(spacing.slice(0, -2)) : Number(spacing) / size;
    const width = textWidth(text, { size, mono, letterSpacing });
    const { dx, dy } = offsetOf(element);
    const x = Number(element.getAttribute('x') ?? 0);
    const y = Number(element.getAttribute('y') ?? 0);
    const anchor = element.getAttribute('text-anchor') ?? 'start';
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    let corners: [number, number][] = [[left, y - ASCENT * size], [left + width, y - ASCENT * size], [left, y + DESCENT * size], [left + width, y + DESCENT * size]];
    const { rotate } = transformOf(element);
    if (rotate) {
      const [degrees, cx, cy] = rotate;
      const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
      corners = corners.map(([px, py]) => [cx + (px - cx) * cos - (py - cy) * sin, cy + (px - cx) * sin + (py - cy) * cos]);
    }
    const xs = corners.map(([px]) => px + dx);
    const ys = corners.map(([, py]) => py + dy);
    const inLadder = element.parentNode !== document.documentElement;
    boxes.push({ text, inLadder, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) });
  }
  return boxes;
}

/** Pairs of boxes that share more than `tolerance` pixels each way. */
export function overlaps(boxes: readonly TextBox[], tolerance = 0.5): [TextBox, TextBox][] {
  const found: [TextBox, TextBox][] = [];
  const sorted = [...boxes].sort((a, b) => a.top - b.top);
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.top < a.bottom - tolerance; j += 1) {
      const b = sorted[j]!;
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance) found.push([a, b]);
    }
  }
  return found;
}
