import { useMessages } from '../messages.ts';
import { selectZoom, useViewStore } from '../view-store.ts';

/** The ladder's time axis (event-spaced or proportional) and zoom: for live sessions and recordings alike. */
export function ViewControls() {
  const text = useMessages();
  const timeMode = useViewStore((state) => state.timeMode);
  const zoom = useViewStore(selectZoom);
  const view = useViewStore.getState();
  return (
    <div role="toolbar" aria-label={text.ladder.timeAxis} className="view-controls">
      <button type="button" aria-pressed={timeMode === 'event'} onClick={() => view.setTimeMode('event')}>{text.ladder.eventSpaced}</button>
      <button type="button" aria-pressed={timeMode === 'proportional'} onClick={() => view.setTimeMode('proportional')}>{text.ladder.proportional}</button>
      <button type="button" className="icon" aria-label={text.ladder.zoomOut} onClick={() => view.zoom(-1)}>−</button>
      <span className="zoom-level" aria-hidden="true">{zoom}×</span>
      <button type="button" className="icon" aria-label={text.ladder.zoomIn} onClick={() => view.zoom(1)}>+</button>
    </div>
  );
}
