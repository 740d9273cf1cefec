/**
 * How a recording travels inside the offline replay page (apps/web/replay.html, built into one
 * file): the server and the CLI write it into the template, the page reads it back. Both sides
 * import this, so the element they meet at is named once.
 */

/** The id of the template's `<script type="application/x-ndjson">` that holds the recording's JSON Lines. */
export const REPLAY_RECORDING_ID = 'recording';

const ELEMENT_OPEN = `<script type="application/x-ndjson" id="${REPLAY_RECORDING_ID}">`;

/** Where the template receives the recording (the element is empty in the built template). No character of it is special in a pattern. */
export const RECORDING_ELEMENT = new RegExp(`${ELEMENT_OPEN}</script>`);

/**
 * The recording's JSON Lines as the replay page's data element holds them: every `<` written
 * `\u003c`, which JSON reads back as the same character, so no `</script>` or `<!--` in a
 * payload can end the element early.
 */
export function embeddableJsonLines(jsonl: string): string {
  return jsonl.replace(/</g, '\\u003c');
}

/** The built replay page with a recording in it; throws when the template has no place for one. */
export function fillReplayTemplate(template: string, jsonl: string): string {
  if (!RECORDING_ELEMENT.test(template)) {
    throw new Error(`the replay template has no empty <script id="${REPLAY_RECORDING_ID}"> element; rebuild it: npm run build -w @sockscope/web`);
  }
  // A function, so that `$&` or `$1` in the data are not read as replacement patterns.
  return template.replace(RECORDING_ELEMENT, () => `${ELEMENT_OPEN}${embeddableJsonLines(jsonl)}</script>`);
}
