import { useMessages } from '../messages.ts';
import { selectError, useSessionStore } from '../session-store.ts';

export function ErrorBanner() {
  const text = useMessages();
  const error = useSessionStore(selectError);
  const dismissError = useSessionStore((state) => state.dismissError);
  if (!error) return null;
  const message =
    error.code === 'bad-server-message' ? text.error.badServerMessage(error.message)
    : error.code === 'bad-request' ? text.error.badRequest(error.message)
    : error.code === 'scenario-gone' ? text.editor.sessionGone(error.message)
    : text.error.server[error.code] ?? error.message;
  return (
    <div role="alert" className="error-banner">
      <p>
        {message} <code className="error-code">{error.code}</code>
      </p>
      <button type="button" onClick={dismissError}>
        {text.error.dismiss}
      </button>
    </div>
  );
}
