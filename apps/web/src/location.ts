/** The page's address names the scenario it shows, so a link or a reload opens the same one. */
const SCENARIO_PARAM = 'scenario';

export function scenarioFromUrl(search: string): string | null {
  return new URLSearchParams(search).get(SCENARIO_PARAM) || null;
}

export function rememberScenario(name: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(SCENARIO_PARAM, name);
  // Replace, not push: Back would change the address without changing the session.
  window.history.replaceState(null, '', url);
}
