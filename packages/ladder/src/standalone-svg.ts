import { SANS_FONTS, MONO_FONTS, type LadderRule } from './ladder-stylesheet.ts';
import { headPlaces, twoLines, type HeadSizes } from './lane-heads.ts';
import { MONO_EM } from './text-width.ts';
import type { XmlDocument, XmlElement, XmlTools } from './xml-dom.ts';

/**
 * A ladder as a picture that stands alone: one SVG file with a title line, each ladder's lifeline
 * headers and its drawing, every style written on its element. Browsers, LibreOffice and
 * PowerPoint draw it the same: no stylesheet, no custom properties, no markers (PowerPoint drops
 * arrowheads drawn with them), no `paint-order` (text halos become a text drawn under the text).
 */
export interface LaneHead {
  /** x of the lifeline within its ladder. */
  x: number;
  name: string;
  endpoint?: string;
  /** A closed port's lane: its name written small, on two lines, to leave room for its neighbours'. */
  closed?: boolean;
}

export interface LadderPicture {
  /** Written above the lanes when several ladders share the picture. */
  heading?: string;
  width: number;
  height: number;
  lanes: LaneHead[];
  /** The ladder's own `<svg>`, as the page draws it (classes and all). */
  markup: string;
}

export interface PictureInput {
  title: string;
  subtitle: string;
  ladders: LadderPicture[];
}


const SVG_NS = 'http://www.w3.org/2000/svg';
/** The headers' type, as written below. */
const HEAD_SIZES: HeadSizes = { name: 15, nameSpacing: 1 / 15, closedName: 13, endpoint: 14 };
const PAD = 24;
const LADDER_GAP = 24;
const INK = '#1b2128';
const MUTED = '#4d5864';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where things go: the header's rows, then the ladders side by side. */
function frame(input: PictureInput) {
  const headed = input.ladders.some((ladder) => ladder.heading);
  const lanesTop = PAD + 70 + (headed ? 30 : 0);
  const bodyTop = lanesTop + 52;
  const width = PAD * 2 + input.ladders.reduce((sum, ladder) => sum + ladder.width, 0) + LADDER_GAP * (input.ladders.length - 1);
  const height = bodyTop + Math.max(0, ...input.ladders.map((ladder) => ladder.height)) + PAD;
  return { lanesTop, bodyTop, width: Math.ceil(width), height: Math.ceil(height) };
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

/** The picture as one SVG string, before its styles are written onto its elements. */
function assemble(input: PictureInput): { xml: string; width: number; height: number } {
  const { lanesTop, bodyTop, width, height } = frame(input);
  const parts: string[] = [
    // xml:space: LibreOffice drops the space between a label's parts (`s2 ESTABLISHED`, `recv() → 0`) without it.
    `<svg xmlns="${SVG_NS}" xml:space="preserve" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SANS_FONTS}" fill="${INK}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(PAD, PAD + 26, input.title, 'font-size="26" font-weight="700"'),
    text(PAD, PAD + 54, input.subtitle, `font-size="15" fill="${MUTED}"`),
  ];
  let left = PAD;
  for (const ladder of input.ladders) {
    parts.push(`<g transform="translate(${left} 0)">`);
    if (ladder.heading) parts.push(text(0, lanesTop - 14, ladder.heading, 'font-size="19" font-weight="700"'));
    for (const { lane, x } of headPlaces(ladder.lanes, ladder.width, HEAD_SIZES)) {
      const anchor = 'middle';
      if (lane.closed) {
        twoLines(lane.name).forEach((line, index) => parts.push(text(x, lanesTop + 8 + index * 15, line, `font-size="13" font-style="italic" fill="${MUTED}" text-anchor="${anchor}"`)));
      } else {
        parts.push(text(x, lanesTop + 18, lane.name.toLocaleUpperCase(), `font-size="15" font-weight="700" letter-spacing="1" text-anchor="${anchor}"`));
      }
      if (lane.endpoint) parts.push(text(x, lanesTop + 40, lane.endpoint, `font-size="14" fill="${MUTED}" font-family="${MONO_FONTS}" text-anchor="${anchor}"`));
    }
    parts.push(`<line x1="0" x2="${ladder.width}" y1="${bodyTop - 4}" y2="${bodyTop - 4}" stroke="#d5d9de" stroke-width="1"/>`);
    parts.push(`<g transform="translate(0 ${bodyTop})">${ladder.markup}</g>`, '</g>');
    left += ladder.width + LADDER_GAP;
  }
  parts.push('</svg>');
  return { xml: parts.join(''), width, height };
}

/** Each rule written onto the elements it matches, least specific first, as the cascade would. */
function applyRules(document: XmlDocument, rules: readonly LadderRule[]): void {
  for (const rule of rules) {
    for (const element of Array.from(document.querySelectorAll(rule.selector))) {
      for (const [property, value] of rule.declarations) {
        if (value === 'inherit') element.removeAttribute(property);
        else element.setAttribute(property, value);
      }
    }
  }
}

/** The ladder's own `<svg>` becomes a group: nested viewports are where slide programs differ most. */
function flattenLadders(document: XmlDocument): void {
  for (const inner of Array.from(document.documentElement.querySelectorAll('svg'))) {
    const group = document.createElementNS(SVG_NS, 'g');
    for (const attribute of Array.from(inner.attributes)) {
      if (!['width', 'height', 'xmlns', 'viewBox'].includes(attribute.name)) group.setAttribute(attribute.name, attribute.value);
    }
    while (inner.firstChild) group.appendChild(inner.firstChild);
    inner.parentNode?.replaceChild(group, inner);
  }
  // The page draws lifelines from above the visible band; the picture starts them at its header.
  for (const lifeline of Array.from(document.querySelectorAll('.lifeline'))) {
    lifeline.setAttribute('y1', String(Math.max(0, Number(lifeline.getAttribute('y1')))));
  }
  for (const hit of Array.from(document.querySelectorAll('.arrow-hit'))) hit.parentNode?.removeChild(hit);
}

const numbers = (value: string | null) => (value ?? '').trim().split(/[\s,]+/).map(Number);

/** Each `marker-end` drawn as a path at the end of its line, turned with it. */
function drawArrowheads(document: XmlDocument): void {
  for (const line of Array.from(document.querySelectorAll('line[marker-end]'))) {
    const id = /url\(#([^)]+)\)/.exec(line.getAttribute('marker-end') ?? '')?.[1];
    line.removeAttribute('marker-end');
    const marker = id ? document.querySelector(`marker[id="${id}"]`) : null;
    const shape = marker?.querySelector('path');
    if (!marker || !shape) continue;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = ['x1', 'y1', 'x2', 'y2'].map((name) => Number(line.getAttribute(name)));
    const [, , boxWidth = 10] = numbers(marker.getAttribute('viewBox'));
    const scale = Number(marker.getAttribute('markerWidth') ?? 3) / boxWidth
      * (marker.getAttribute('markerUnits') === 'userSpaceOnUse' ? 1 : Number(line.getAttribute('stroke-width') ?? 1));
    const refX = Number(marker.getAttribute('refX') ?? 0);
    const refY = Number(marker.getAttribute('refY') ?? 0);
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const points = (shape.getAttribute('d') ?? '').match(/-?[\d.]+\s*,\s*-?[\d.]+/g) ?? [];
    const d = points.map((point, index) => {
      const [px = 0, py = 0] = numbers(point);
      const dx = (px - refX) * scale;
      const dy = (py - refY) * scale;
      return `${index === 0 ? 'M' : 'L'}${(x2 + dx * cos - dy * sin).toFixed(2)},${(y2 + dx * sin + dy * cos).toFixed(2)}`;
    }).join(' ');
    const head = document.createElementNS(SVG_NS, 'path');
    head.setAttribute('d', `${d} Z`);
    head.setAttribute('fill', shape.getAttribute('fill') ?? INK);
    line.parentNode?.insertBefore(head, line.nextSibling);
  }
  for (const defs of Array.from(document.querySelectorAll('defs'))) defs.parentNode?.removeChild(defs);
}

/** `paint-order: stroke` (a white halo behind a label) as a copy of the text in the halo's colour, under it. */
function drawHalos(document: XmlDocument): void {
  for (const label of Array.from(document.querySelectorAll('text[paint-order]'))) {
    const halo = label.getAttribute('stroke');
    if (halo && /stroke/.test(label.getAttribute('paint-order') ?? '')) {
      const under = label.cloneNode(true) as XmlElement;
      under.removeAttribute('paint-order');
      under.setAttribute('fill', halo);
      for (const span of Array.from(under.querySelectorAll('tspan'))) span.setAttribute('fill', halo);
      label.parentNode?.insertBefore(under, label);
    }
    for (const name of ['paint-order', 'stroke', 'stroke-width', 'stroke-linejoin']) label.removeAttribute(name);
  }
}

/** Parts are set apart by the ladder's own width estimate, which never falls short of a font's advance: a little gap, never an overlap. */
const MONO_ADVANCE = MONO_EM;

/**
 * A label in two styles (`c1 ESTABLISHED`, `connect() ✕ ECONNREFUSED`): LibreOffice places each
 * part on its own, a right-aligned one over the other. Monospaced parts become texts of their
 * own, set side by side by their width; a right-aligned label in another font becomes one text
 * in one style.
 */
function splitStyledLabels(document: XmlDocument): void {
  for (const label of Array.from(document.querySelectorAll('text'))) {
    if (!label.querySelector('tspan')) continue;
    const fromRight = label.getAttribute('text-anchor') === 'end';
    if (!/monospace/.test(label.getAttribute('font-family') ?? '')) {
      if (fromRight) label.textContent = label.textContent;
      continue;
    }
    const advance = MONO_ADVANCE * Number(label.getAttribute('font-size') ?? 14);
    const parts = Array.from(label.childNodes);
    let x = Number(label.getAttribute('x'));
    for (const part of fromRight ? parts.reverse() : parts) {
      const content = part.textContent ?? '';
      const text = content.trim();
      if (text) {
        // The spaces between parts become distance: renderers differ in whether they keep them.
        const spaces = fromRight ? content.length - content.trimEnd().length : content.length - content.trimStart().length;
        const piece = label.cloneNode(false) as XmlElement;
        if (part.nodeType === 1) for (const attribute of Array.from((part as XmlElement).attributes)) piece.setAttribute(attribute.name, attribute.value);
        piece.setAttribute('x', (x + (fromRight ? -1 : 1) * spaces * advance).toFixed(1));
        piece.textContent = text;
        label.parentNode?.insertBefore(piece, label);
      }
      x += (fromRight ? -1 : 1) * content.length * advance;
    }
    label.parentNode?.removeChild(label);
  }
}

/** What only the page uses: classes, roles, focus order, accessible names, data. */
function stripPageAttributes(document: XmlDocument): void {
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      if (/^(class|role|tabindex|aria-.*|data-.*)$/.test(attribute.name)) element.removeAttribute(attribute.name);
    }
  }
}

/** The standalone SVG file's text. */
export function standaloneSvg<D extends XmlDocument>(input: PictureInput, rules: readonly LadderRule[], xml: XmlTools<D>): string {
  const document = xml.parse(assemble(input).xml);
  applyRules(document, rules);
  flattenLadders(document);
  drawArrowheads(document);
  drawHalos(document);
  splitStyledLabels(document);
  stripPageAttributes(document);
  const body = xml.serialize(document).replace(/^<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

/** The size the picture is drawn at, for rasterising it. */
export function pictureSize(input: PictureInput): { width: number; height: number } {
  const { width, height } = frame(input);
  return { width, height };
}
