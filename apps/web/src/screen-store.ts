import { create } from 'zustand';
import { useSessionStore } from './session-store.ts';

/** How the page shares the screen between the ladder and everything else. */
export interface ScreenData {
  /** Presenter view: only the ladder(s), the explanation and the step controls, in type a back row reads. */
  presenting: boolean;
  /** The scenario form and the recordings list, above the ladder; folded once a session is shown. */
  setupOpen: boolean;
}

export interface ScreenActions {
  present(on: boolean): void;
  openSetup(open: boolean): void;
}

export const initialScreen: ScreenData = { presenting: false, setupOpen: true };

export const useScreenStore = create<ScreenData & ScreenActions>()((set) => ({
  ...initialScreen,
  present: (presenting) => set({ presenting }),
  openSetup: (setupOpen) => set({ setupOpen }),
}));

export const selectPresenting = (state: ScreenData) => state.presenting;
export const selectSetupOpen = (state: ScreenData) => state.setupOpen;

/**
 * A session that starts takes the screen: the form and the list fold into their bar, so the
 * ladder gets the height (a projector's 768 px leave no room for both). A recording opened from
 * the list leaves the list as it is: the user is working in it.
 */
export function foldSetupOnNewSession(): () => void {
  return useSessionStore.subscribe((state, previous) => {
    if (state.shown !== previous.shown && state.shown.length > 0 && state.shown.join() !== previous.shown.join()) {
      useScreenStore.getState().openSetup(false);
    }
  });
}
