/**
 * The page's address names what it shows, so a teacher can share a link and a reload opens the
 * same sessions: `?scenario=tcp-echo`, `?compare=tcp-echo,udp-echo`, plus `session=` ids once open.
 */
export interface ViewSpec {
  /** One scenario, or two side by side. */
  scenarios: string[];
  /** Session ids to resume, place by place; empty for a fresh view. */
  sessions: string[];
}

export function viewFromUrl(search: string): ViewSpec | null {
  const params = new URLSearchParams(search);
  const list = (name: string) => (params.get(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const compare = list('compare').slice(0, 2);
  const scenarios = compare.length > 0 ? compare : list('scenario').slice(0, 1);
  if (scenarios.length === 0) return null;
  return { scenarios, sessions: list('session').slice(0, scenarios.length) };
}

export function viewUrl(spec: ViewSpec, base: string): string {
  const url = new URL(base);
  for (const name of ['scenario', 'compare', 'session']) url.searchParams.delete(name);
  if (spec.scenarios.length > 1) url.searchParams.set('compare', spec.scenarios.join(','));
  else if (spec.scenarios[0]) url.searchParams.set('scenario', spec.scenarios[0]);
  if (spec.sessions.length > 0) url.searchParams.set('session', spec.sessions.join(','));
  return url.toString();
}

export function rememberView(spec: ViewSpec): void {
  // Replace, not push: Back would change the address without changing the sessions.
  window.history.replaceState(null, '', viewUrl(spec, window.location.href));
}
