import { ProgramRuntime } from '@sockscope/protocol';

/**
 * The page's address names what it shows, so a teacher can share a link and a reload opens the
 * same sessions: `?scenario=tcp-echo`, `?compare=tcp-echo,udp-echo`, plus `session=` ids once open.
 * A scenario the user wrote is marked `&custom=1`: its name is not a built-in one's (or is, and
 * must not open it), so only its session can be resumed. `&program=python` runs the scenario as
 * its Python programs (without it, Node: a link made before the choice opens what it opened then).
 */
export interface ViewSpec {
  /** One scenario, or two side by side. */
  scenarios: string[];
  /** Session ids to resume, place by place; empty for a fresh view. */
  sessions: string[];
  /** The scenario is one the user wrote, not a built-in one. */
  custom?: boolean;
  /** Who makes the calls, when not Node. */
  program?: 'python';
}

export function viewFromUrl(search: string): ViewSpec | null {
  const params = new URLSearchParams(search);
  const list = (name: string) => (params.get(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const compare = list('compare').slice(0, 2);
  const scenarios = compare.length > 0 ? compare : list('scenario').slice(0, 1);
  if (scenarios.length === 0) return null;
  const sessions = list('session').slice(0, scenarios.length);
  const program = ProgramRuntime.safeParse(params.get('program')).data === 'python' ? { program: 'python' as const } : {};
  return params.get('custom') === '1' ? { scenarios, sessions, custom: true, ...program } : { scenarios, sessions, ...program };
}

export function viewUrl(spec: ViewSpec, base: string): string {
  const url = new URL(base);
  for (const name of ['scenario', 'compare', 'session', 'custom', 'program']) url.searchParams.delete(name);
  if (spec.scenarios.length > 1) url.searchParams.set('compare', spec.scenarios.join(','));
  else if (spec.scenarios[0]) url.searchParams.set('scenario', spec.scenarios[0]);
  if (spec.custom) url.searchParams.set('custom', '1');
  if (spec.sessions.length > 0) url.searchParams.set('session', spec.sessions.join(','));
  if (spec.program) url.searchParams.set('program', spec.program);
  return url.toString();
}

export function rememberView(spec: ViewSpec): void {
  // Replace, not push: Back would change the address without changing the sessions.
  window.history.replaceState(null, '', viewUrl(spec, window.location.href));
}
