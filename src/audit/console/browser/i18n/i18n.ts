import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey, type Messages } from './messages-en.js';
import { id } from './messages-id.js';

export type Language = 'id' | 'en';
export const LANGUAGES: readonly Language[] = ['id', 'en'];

const MESSAGES: Readonly<Record<Language, Messages>> = { id, en };
const KEY = 'redaksi.console.language';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  const messages = MESSAGES[language];
  return (key, params = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The language last chosen in this browser; Indonesian unless the browser prefers another. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored === 'id' || stored === 'en') return stored;
  } catch {
    // storage disabled
  }
  return navigator.language.toLowerCase().startsWith('id') || !navigator.language.toLowerCase().startsWith('en') ? 'id' : 'en';
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // storage disabled: the choice lasts for this page
  }
}

export interface I18n {
  readonly language: Language;
  readonly t: Translate;
}

export const I18nContext = createContext<I18n>({ language: 'id', t: translator('id') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
