// Chinese by default, English one click away (or `?lang=en` in the address); the choice is kept in localStorage and sent to the API as
// Accept-Language so problem documents come back in the same language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '@lyg/domain/model';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'lyg.lang';

// A link in a mail says which language it was written in (`?lang=en`, the recipient's): the page it opens speaks it,
// and so do the pages after it, as if the user had chosen it.
try {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') localStorage.setItem(STORAGE_KEY, asked);
} catch {
  // no storage (private mode): the default language
}

/** Whether this browser has a language chosen (the switch, or a mail's `?lang=`). */
export function languageChosen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

export function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text in the current language: `tr('提交', 'Submit')`. */
  tr(zh: string, en: string): string;
  /** A domain `{zh, en}` text. */
  l(text: LocalizedText): string;
  /** The label of a code from a label table, or the code itself when the table does not know it. */
  label(table: Record<string, LocalizedText>, code: string | null | undefined): string;
  dateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'Lianyungang IP fast protection' : '连云港知识产权纠纷快速保护';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const en = lang === 'en';
    const fmt = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    return {
      lang,
      setLang,
      tr: (zh, enText) => (en ? enText : zh),
      l: (text) => (en ? text.en : text.zh),
      label: (table, code) => {
        if (!code) return '—';
        const text = table[code];
        return text ? (en ? text.en : text.zh) : code;
      },
      dateTime: (iso) => {
        const d = new Date(iso);
        // Shown in Asia/Shanghai time; said so in English, for a reader abroad.
        return Number.isNaN(d.getTime()) ? iso : en ? `${fmt.format(d)} UTC+8` : fmt.format(d);
      },
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
