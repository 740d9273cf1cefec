/**
 * The ladder's rules from the page's stylesheet, as an exported SVG needs them: a slide program
 * (LibreOffice, PowerPoint) reads presentation attributes reliably but not CSS custom properties
 * or descendant selectors, so each rule is later written onto the elements it matches.
 */
export interface LadderRule {
  selector: string;
  /** 100 per class, attribute or pseudo-class, 1 per element name: enough for the ladder's selectors. */
  specificity: number;
  /** Position in the stylesheet: the later of two equally specific rules wins. */
  order: number;
  declarations: [property: string, value: string][];
}

/** Properties that draw something; `cursor`, `outline` and layout are for the page only. */
const DRAWN = new Set([
  'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linejoin', 'stroke-linecap', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'paint-order',
]);

/** Interaction states never show in a picture. */
const INTERACTIVE = /:(hover|focus|focus-visible|active)\b/;

/**
 * Fonts found on Windows, macOS and Linux alike, each followed by one with Hangul (Malgun Gothic,
 * Apple SD Gothic Neo, Noto CJK), so Korean labels show wherever the file is opened.
 */
export const SANS_FONTS = "Arial, 'Helvetica Neue', Helvetica, 'DejaVu Sans', 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', sans-serif";
export const MONO_FONTS = "Consolas, Menlo, 'DejaVu Sans Mono', 'Courier New', 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans Mono CJK KR', monospace";

interface Block {
  prelude: string;
  body: string;
}

/** Top-level `prelude { body }` blocks; at-rules (media queries) are skipped whole, nested blocks and all. */
function topLevelBlocks(css: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  let index = 0;
  while (index < css.length) {
    const open = css.indexOf('{', index);
    if (open < 0) break;
    let depth = 1;
    let close = open + 1;
    for (; close < css.length && depth > 0; close += 1) {
      if (css[close] === '{') depth += 1;
      else if (css[close] === '}') depth -= 1;
    }
    const prelude = css.slice(start, open).trim();
    if (!prelude.startsWith('@')) blocks.push({ prelude, body: css.slice(open + 1, close - 1) });
    index = close;
    start = close;
  }
  return blocks;
}

function declarationsOf(body: string): [string, string][] {
  return body.split(';').flatMap((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) return [];
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    return property && value ? [[property, value] as [string, string]] : [];
  });
}

function specificity(selector: string): number {
  const classes = selector.match(/\.[\w-]+|\[[^\]]*\]|:(?!not\()[\w-]+/g)?.length ?? 0;
  const types = selector.replace(/\[[^\]]*\]/g, '').match(/(^|[\s>+~(])[a-z][\w-]*/gi)?.length ?? 0;
  return classes * 100 + types;
}

function resolveVariables(value: string, variables: ReadonlyMap<string, string>): string {
  return value.replace(/var\((--[\w-]+)\)/g, (_whole, name: string) => variables.get(name) ?? '');
}

/** A value as an SVG presentation attribute takes it: fonts made portable, `15px` written `15`. */
function attributeValue(property: string, value: string): string {
  if (property === 'font-family') return /mono/i.test(value) ? MONO_FONTS : SANS_FONTS;
  if (property === 'font-size' || property === 'stroke-width') return value.replace(/px$/, '');
  return value;
}

/** The rules that style `.ladder-svg` and what is inside it, with custom properties resolved. */
export function ladderRules(css: string): LadderRule[] {
  const blocks = topLevelBlocks(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  const variables = new Map<string, string>();
  for (const block of blocks) {
    if (block.prelude !== ':root') continue;
    for (const [property, value] of declarationsOf(block.body)) if (property.startsWith('--')) variables.set(property, value);
  }
  const rules: LadderRule[] = [];
  for (const block of blocks) {
    const declarations = declarationsOf(block.body)
      .filter(([property]) => DRAWN.has(property))
      .map(([property, value]): [string, string] => [property, attributeValue(property, resolveVariables(value, variables))]);
    if (declarations.length === 0) continue;
    for (const selector of block.prelude.split(',').map((part) => part.trim())) {
      if (!selector.startsWith('.ladder-svg') || INTERACTIVE.test(selector)) continue;
      rules.push({ selector, specificity: specificity(selector), order: rules.length, declarations });
    }
  }
  return rules.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
}
