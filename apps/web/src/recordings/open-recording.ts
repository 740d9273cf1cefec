import { jsonLinesUrl } from './api.ts';
import { startLoad } from './loader.ts';
import { loadedById, useReplayStore } from './replay-store.ts';

/** The saved recording being fetched: one at a time, a newer request ends the older. */
let cancelLoading: (() => void) | undefined;

/**
 * Shows a saved recording's first track, in place of what is shown or beside it: at once if the
 * page holds it, else fetched and decoded off the main thread (see loader.ts), its progress shown.
 */
export function openRecording(id: string, name: string, compare = false): void {
  const replay = useReplayStore.getState();
  const held = loadedById(replay, id);
  if (held) {
    replay.add(held, compare);
    return;
  }
  cancelLoading?.();
  replay.setOpenFailed(null);
  replay.setOpening({ id, name, bytes: 0 });
  cancelLoading = startLoad({ type: 'url', url: jsonLinesUrl(id), name }, {
    reading: (bytes) => {
      const { opening } = useReplayStore.getState();
      if (opening?.id === id) replay.setOpening({ ...opening, bytes });
    },
    receiving: () => {},
    done: ({ recording }) => {
      cancelLoading = undefined;
      replay.setOpening(null);
      replay.add({ key: id, id, recording }, compare);
    },
    failed: (failure) => {
      cancelLoading = undefined;
      replay.setOpening(null);
      replay.setOpenFailed({ id, name, failure });
    },
  });
}

export function cancelOpening(): void {
  cancelLoading?.();
  cancelLoading = undefined;
  useReplayStore.getState().setOpening(null);
}
