import type { Messages } from './messages.ts';

/**
 * A built-in scenario's title and description in the page's language (the server says them in
 * English); a scenario a teacher wrote keeps its own words.
 */
export function scenarioWords(text: Messages, scenario: { name: string; title: string; description?: string; custom?: boolean }): { title: string; description: string } {
  const own = { title: scenario.title, description: scenario.description ?? '' };
  return (!scenario.custom && text.scenarios[scenario.name]) || own;
}

/** The title of the scenario a session runs, in the page's language. */
export function sessionTitle(text: Messages, info: { scenario: string; title: string; custom?: boolean }): string {
  return scenarioWords(text, { name: info.scenario, title: info.title, ...(info.custom && { custom: true }) }).title;
}

/**
 * What the scenario a session runs teaches, in the page's language: a built-in one's from the
 * catalogue, else from the server's list of scenarios; a scenario a teacher wrote, its own
 * description as the server says it; '' when none is known.
 */
export function sessionDescription(
  text: Messages, info: { scenario: string; title: string; custom?: boolean; description?: string },
  scenarios: readonly { name: string; title: string; description: string }[] | null,
): string {
  if (info.custom) return info.description?.trim() ?? '';
  const listed = scenarios?.find((scenario) => scenario.name === info.scenario);
  return scenarioWords(text, { name: info.scenario, title: info.title, description: listed?.description ?? '' }).description;
}
