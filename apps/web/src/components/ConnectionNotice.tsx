import { useMessages } from '../messages.ts';
import { selectConnection, useSessionStore } from '../session-store.ts';

/** Always in the page, so screen readers announce it when its text appears. */
export function ConnectionNotice() {
  const text = useMessages();
  const connection = useSessionStore(selectConnection);
  const notice = connection === 'open' ? '' : text.connection[connection];
  return (
    <p role="status" className={notice ? 'connection-notice' : 'connection-notice connection-notice-quiet'}>
      {notice}
    </p>
  );
}
