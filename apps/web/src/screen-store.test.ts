import { afterEach, describe, expect, it } from 'vitest';
import { foldSetupOnNewSession, initialScreen, useScreenStore } from './screen-store.ts';
import { initialData, useSessionStore } from './session-store.ts';

describe('the screen store', () => {
  afterEach(() => {
    useScreenStore.setState(initialScreen);
    useSessionStore.setState(initialData);
  });

  it('folds the form and the list when a session is shown, and leaves them folded while it goes on', () => {
    const stop = foldSetupOnNewSession();
    expect(useScreenStore.getState().setupOpen).toBe(true);
    useSessionStore.setState({ shown: ['s1'] });
    expect(useScreenStore.getState().setupOpen).toBe(false);
    // Opened again by the user, they stay open while the same session is shown.
    useScreenStore.getState().openSetup(true);
    useSessionStore.setState({ connection: 'open' });
    expect(useScreenStore.getState().setupOpen).toBe(true);
    // Another session (Start again, or Reset) takes the screen again.
    useSessionStore.setState({ shown: ['s2'] });
    expect(useScreenStore.getState().setupOpen).toBe(false);
    stop();
  });

  it('leaves the form and the list alone when nothing is shown', () => {
    const stop = foldSetupOnNewSession();
    useSessionStore.setState({ shown: [] });
    expect(useScreenStore.getState().setupOpen).toBe(true);
    stop();
  });
});
