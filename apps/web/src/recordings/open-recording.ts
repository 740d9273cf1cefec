import { jsonLinesUrl } from './api.ts';
import { startLoad } from './loader.ts';
import { loadedById, useOpenedRecordings } from './opened-store.ts';

/** The saved recording being fetched: one at a time, a newer request ends the older. */
let cancelLoading: (() => void) | undefined;

/**
 * Shows a saved recording's first track, in place of what is shown or beside it: at once if the
 * page holds it, else fetched and decoded off the main thread (see loader.ts), its progress shown.
 */
export function openRecording(id: string, name: string, compare = false): void {
  const opened = useOpenedRecordings.getState();
  const held = loadedById(opened, id);
  if (held) {
    opened.add(held, compare);
    return;
  }
  cancelLoading?.();
  opened.setOpenFailed(null);
  opened.setOpening({ id, name, bytes: 0 });
  cancelLoading = startLoad({ type: 'url', url: jsonLinesUrl(id), name }, {
    reading: (bytes) => {
      const { opening } = useOpenedRecordings.getState();
      if (opening?.id === id) opened.setOpening({ ...opening, bytes });
    },
    receiving: () => {},
    done: ({ recording }) => {
      cancelLoading = undefined;
      opened.setOpening(null);
      opened.add({ key: id, id, recording }, compare);
    },
    failed: (failure) => {
      cancelLoading = undefined;
      opened.setOpening(null);
      opened.setOpenFailed({ id, name, failure });
    },
  });
}

export function cancelOpening(): void {
  cancelLoading?.();
  cancelLoading = undefined;
  useOpenedRecordings.getState().setOpening(null);
}
