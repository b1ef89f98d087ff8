import type { Language } from './i18n.js';

const LOCALES: Readonly<Record<Language, string>> = { id: 'id-ID', en: 'en-GB' };

/** The viewer's own time zone, e.g. "Asia/Jakarta". */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An instant in the viewer's zone, with the zone named, e.g. "20 Jan 2025, 08.20.00 WIB". */
export function localTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle and timeStyle cannot be combined with timeZoneName; the parts are spelled out.
  return new Intl.DateTimeFormat(LOCALES[language], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** The same instant in UTC, to the millisecond: what the record says, e.g. "2025-01-20 01:20:00.000". */
export function utcTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A `datetime-local` value (the viewer's wall clock) as an ISO instant, or undefined if incomplete. */
export function instantFromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the viewer's zone, to the second. */
export function localInputFromInstant(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
