import { stopFollowing } from '../class/class-store.ts';
import { useMessages } from '../messages.ts';
import type { TimeMode } from '@sockscope/ladder';
import { selectZoom, useViewStore } from '../view-store.ts';

/** The ladder's time axis (event-spaced or proportional) and zoom: for live sessions and recordings alike. */
export function ViewControls() {
  const text = useMessages();
  const timeMode = useViewStore((state) => state.timeMode);
  const zoomLevel = useViewStore(selectZoom);
  const view = useViewStore.getState();
  // A student who changes the axis or the zoom explores on their own: following, the teacher's next view would undo it.
  const setTimeMode = (mode: TimeMode) => {
    stopFollowing();
    view.setTimeMode(mode);
  };
  const zoom = (by: 1 | -1) => {
    stopFollowing();
    view.zoom(by);
  };
  return (
    <div role="toolbar" aria-label={text.ladder.timeAxis} className="view-controls">
      <button type="button" aria-pressed={timeMode === 'event'} onClick={() => setTimeMode('event')}>{text.ladder.eventSpaced}</button>
      <button type="button" aria-pressed={timeMode === 'proportional'} onClick={() => setTimeMode('proportional')}>{text.ladder.proportional}</button>
      <button type="button" className="icon" aria-label={text.ladder.zoomOut} onClick={() => zoom(-1)}>−</button>
      <span className="zoom-level" aria-hidden="true">{zoomLevel}×</span>
      <button type="button" className="icon" aria-label={text.ladder.zoomIn} onClick={() => zoom(1)}>+</button>
    </div>
  );
}
