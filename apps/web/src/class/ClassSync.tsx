import type { ClassShown } from '@sockscope/protocol';
import { useEffect } from 'react';
import { useOpenedRecordings } from '../recordings/opened-store.ts';
import type { ShownLadder } from '../use-ladders.ts';
import { useViewStore } from '../view-store.ts';
import { publishView } from './class-client.ts';
import { selectFollowing, selectIsTeacher, useClassStore } from './class-store.ts';
import { classViewOf, followedParts, sameShown } from './class-view.ts';
import { selectCodeOpen, useCodeStore } from '../code/code-store.ts';
import { selectPresenting, useScreenStore } from '../screen-store.ts';

/** What the ladders show, as a class names it; null for an import not saved, which students cannot open. */
function shownOf(ladders: readonly ShownLadder[]): ClassShown | null {
  const first = ladders[0];
  if (!first) return null;
  if (!first.recorded) return { kind: 'live', sessions: ladders.slice(0, 2).map((ladder) => ladder.sessionId) };
  const id = useOpenedRecordings.getState().loaded[first.recorded.ref.key]?.id;
  if (!id) return null;
  return { kind: 'recording', id, name: first.recorded.recording.name, tracks: ladders.slice(0, 2).flatMap((ladder) => ladder.recorded?.ref.track ?? []) };
}

/**
 * The cursor and the selection, which need the ladders' rows: a teacher's page sends its view to
 * the class whenever it changes; a following student's page puts its cursor and selection where
 * the teacher's are, on the same events, once the ladders shown are the teacher's.
 */
export function ClassSync({ ladders }: { ladders: ShownLadder[] }) {
  const teacher = useClassStore(selectIsTeacher);
  const following = useClassStore(selectFollowing);
  const classView = useClassStore((state) => state.view);
  const cursor = useViewStore((state) => state.cursor);
  const focus = useViewStore((state) => state.focus);
  const selected = useViewStore((state) => state.selected);
  const timeMode = useViewStore((state) => state.timeMode);
  const zoomIndex = useViewStore((state) => state.zoomIndex);
  const presenting = useScreenStore(selectPresenting);
  // The pane as this page shows it now: a teacher presenting sends presenter view's choice.
  const code = useCodeStore(selectCodeOpen)[presenting ? 'presenting' : 'page'];

  useEffect(() => {
    const shown = teacher ? shownOf(ladders) : null;
    if (shown) publishView(classViewOf(shown, ladders, { cursor, focus, selected, timeMode, zoomIndex }, code));
  }, [teacher, ladders, cursor, focus, selected, timeMode, zoomIndex, code]);

  useEffect(() => {
    if (!following || !classView) return;
    const shown = shownOf(ladders);
    if (!shown || !sameShown(shown, classView.shown)) return;
    const parts = followedParts(classView, ladders, { cursor, focus, selected, timeMode, zoomIndex });
    if (parts) useViewStore.setState(parts);
    // The student sees the Code pane the teacher shows, with the same line, the cursor's.
    if ((classView.code ?? false) !== code) useCodeStore.getState().setOpen(presenting, classView.code ?? false);
  }, [following, classView, ladders, cursor, focus, selected, timeMode, zoomIndex, code, presenting]);
  return null;
}
