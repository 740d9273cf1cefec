import { LOCALES, messagesFor, useLocaleStore, useMessages } from '../messages.ts';

/** English / 한국어: each button named in its own language, the active one pressed. */
export function LanguageSwitch() {
  const text = useMessages();
  const locale = useLocaleStore((state) => state.locale);
  const setLocale = useLocaleStore((state) => state.setLocale);
  return (
    <div role="group" aria-label={text.language.label} className="language-switch">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {messagesFor(option).language.names[option]}
        </button>
      ))}
    </div>
  );
}
