import { Scenario } from '@sockscope/protocol';

/**
 * The address names a scenario the page's user wrote but cannot carry it, so the tab keeps the
 * last one it started: a reload whose session the server no longer has (a restart, an idle
 * timeout) opens it again instead of failing.
 */
const STORAGE_KEY = 'sockscope.started-scenario';

export function rememberScenario(scenario: Scenario): void {
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(scenario));
  } catch {
    // not kept: a reload then resumes the session while the server has it, and says so when it does not
  }
}

/** The scenario of that name this tab started, if it still holds a valid one. */
export function recallScenario(name: string): Scenario | undefined {
  try {
    const text = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!text) return undefined;
    const parsed = Scenario.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.name === name ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
