import { LOCALES, isLocale, type Locale } from '@sockscope/ladder';
import { create } from 'zustand';
import { en, type Messages } from './i18n/en.ts';
import { ko } from './i18n/ko.ts';

/**
 * Every user-facing string of the page comes from one catalogue per locale (src/i18n/). Protocol
 * notation (TCP flags, `seq=`, `len=`, call names, state names) is not translated: it reads the
 * same in every language and stays literal in @sockscope/ladder's labels.ts.
 */
export type { Messages };

/** The page speaks the languages its ladder speaks (@sockscope/ladder's words): one list. */
export { LOCALES, isLocale, type Locale };

/** Where the chosen locale is remembered between visits. */
export const LOCALE_STORAGE_KEY = 'sockscope.locale';
/** The address's parameter that picks a locale: `?lang=ko`. */
export const LOCALE_PARAM = 'lang';

const catalogue: Record<Locale, Messages> = { en, ko };

export function messagesFor(locale: Locale): Messages {
  return catalogue[locale];
}

export interface LocaleHints {
  /** The address's query string, e.g. `?lang=ko`. */
  search?: string | undefined;
  /** What localStorage remembers. */
  stored?: string | null | undefined;
  /** The browser's language, e.g. `ko-KR`. */
  language?: string | undefined;
}

/** The address's `?lang=`, else the remembered choice, else the browser's language, else English. */
export function chooseLocale({ search, stored, language }: LocaleHints): Locale {
  const asked = new URLSearchParams(search ?? '').get(LOCALE_PARAM);
  if (isLocale(asked)) return asked;
  if (isLocale(stored)) return stored;
  if (language?.toLowerCase().startsWith('ko')) return 'ko';
  return 'en';
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (privacy settings, sandboxed frame)
  }
}

function browserHints(): LocaleHints {
  return {
    search: typeof window === 'undefined' ? undefined : window.location.search,
    stored: readStored(),
    language: typeof navigator === 'undefined' ? undefined : navigator.language,
  };
}

/** Shows the locale to the browser and to screen readers. */
function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Keeps a `?lang=` already in the address in step with the choice, so a reload keeps it. */
function applyToAddress(locale: Locale): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (!url.searchParams.has(LOCALE_PARAM) || url.searchParams.get(LOCALE_PARAM) === locale) return;
  url.searchParams.set(LOCALE_PARAM, locale);
  window.history.replaceState(window.history.state, '', url.toString());
}

export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocaleStore = create<LocaleState>()((set) => {
  const initial = chooseLocale(browserHints());
  applyToDocument(initial);
  return {
    locale: initial,
    setLocale(locale) {
      try {
        globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
      } catch {
        // not remembered; the choice still holds for this page
      }
      applyToDocument(locale);
      applyToAddress(locale);
      set({ locale });
    },
  };
});

/** The current locale's catalogue; a component using it re-renders when the locale changes. */
export function useMessages(): Messages {
  return useLocaleStore((state) => catalogue[state.locale]);
}
