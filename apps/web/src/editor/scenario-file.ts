import { parseWith, Scenario } from '@sockscope/protocol';

/** Largest file the editor reads: a valid scenario (64 steps of 4 KiB texts) is well below it. */
export const MAX_FILE_BYTES = 512 * 1024;

/** A scenario as a file: `<name>.json`, the documented format, indented for reading and diffing. */
export function scenarioFile(scenario: Scenario): { fileName: string; text: string } {
  return { fileName: `${scenario.name}.json`, text: `${JSON.stringify(scenario, null, 2)}\n` };
}

export type FileReading =
  | { ok: true; scenario: Scenario }
  /** Not JSON; where it stops being JSON (1-based), and the character found there (null: the text ended). */
  | { ok: false; reason: 'json'; line: number; column: number; found: string | null }
  | { ok: false; reason: 'json-unplaced' }
  /** JSON, but not a scenario: the schema's reasons with their fields, `steps.2.op: …`, as the server gives them. */
  | { ok: false; reason: 'scenario'; error: string };

/** Reads a scenario file's text: JSON first, then the same `Scenario` schema the server applies. */
export function readScenarioFile(text: string): FileReading {
  // Some editors start UTF-8 files with a byte order mark, which JSON does not allow.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // The engine's message names a position only sometimes, and in its own words: find it here.
    const offset = jsonErrorOffset(body);
    if (offset === null) return { ok: false, reason: 'json-unplaced' };
    return { ok: false, reason: 'json', ...lineAndColumn(body, offset), found: body[offset] ?? null };
  }
  const parsed = parseWith(Scenario, json);
  return parsed.ok ? { ok: true, scenario: parsed.value } : { ok: false, reason: 'scenario', error: parsed.error };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

class SyntaxStop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
/** Deeper than any scenario; a deeper text is reported without a place rather than overflowing the stack. */
const MAX_DEPTH = 512;

/** Where `text` first stops being JSON (RFC 8259), or null if it is JSON or too deep to tell. */
export function jsonErrorOffset(text: string): number | null {
  let at = 0;
  const stop = (): never => { throw new SyntaxStop(at); };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const match = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (found) at += found[0].length;
    return found !== null;
  };
  const string = () => {
    at += 1; // the opening quote
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') stop();
      if (char === '"') { at += 1; return; }
      if (char === '\\') { if (!match(ESCAPE)) stop(); } else at += 1;
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new RangeError('too deep');
    space();
    const char = text[at];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      at += 1;
      space();
      if (text[at] === close) { at += 1; return; }
      for (;;) {
        if (close === '}') {
          space();
          if (text[at] !== '"') stop();
          string();
          space();
          if (text[at] !== ':') stop();
          at += 1;
        }
        value(depth + 1);
        space();
        if (text[at] === ',') { at += 1; continue; }
        if (text[at] === close) { at += 1; return; }
        stop();
      }
    }
    if (char === '"') return string();
    if (!match(NUMBER) && !match(LITERAL)) stop();
  };
  try {
    value(0);
    space();
    if (at < text.length) stop();
    return null;
  } catch (error) {
    if (error instanceof SyntaxStop) return error.offset;
    if (error instanceof RangeError) return null;
    throw error;
  }
}
