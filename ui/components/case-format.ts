import type { Locale } from '../../engine/localized.ts';
import type { ApiError } from '../api/client.ts';
import type { CaseState, CaseSummary, Deadline } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';

/**
 * What people call a case: its human number (BX-2026-00001) when its workflow numbers cases, else
 * its id. Also what the UI puts in a case's URL (#/cases/BX-2026-00001): the server takes either.
 */
export function caseRef(c: { readonly id: string; readonly number?: string | null }): string {
  return c.number ?? c.id;
}

/** Epoch milliseconds of a number or an ISO instant; undefined when neither. */
export function toMillis(at: number | string | null | undefined): number | undefined {
  if (typeof at === 'number' && Number.isFinite(at)) return at;
  if (typeof at === 'string') {
    const t = Date.parse(at);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

const formats = new Map<string, Intl.DateTimeFormat>();

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * An instant in the browser's own time zone, laid out as Intl.DateTimeFormat lays it out for each
 * of the app's languages with `formatInstant`'s options (zh-CN 2026/01/05 03:07, en 01/05/2026,
 * 03:07; tests/ui/instant-format.test.ts compares them). Read from Date's local fields, so no Intl
 * formatter is built: the first one of a language loads that language's data, 0.1–0.2 s of a phone
 * at 4× CPU throttling, which held back the worklist's first row (ui.firstWorklist).
 */
export function formatLocalInstant(t: number, locale: Locale): string {
  const d = new Date(t);
  const date = { y: String(d.getFullYear()), m: twoDigits(d.getMonth() + 1), d: twoDigits(d.getDate()) };
  const time = `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
  return locale === 'en' ? `${date.m}/${date.d}/${date.y}, ${time}` : `${date.y}/${date.m}/${date.d} ${time}`;
}

/** Date and time in the locale, in `timeZone` (IANA, e.g. the business calendar's) or the browser's. */
export function formatInstant(at: number | string | null | undefined, locale: Locale, timeZone?: string): string {
  const t = toMillis(at);
  if (t === undefined) return '';
  if (!timeZone && (locale === 'zh-CN' || locale === 'en')) return formatLocalInstant(t, locale);
  const key = `${locale}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone } : {}),
      });
    } catch {
      // An unknown time zone falls back to the browser's rather than showing nothing.
      format = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    }
    formats.set(key, format);
  }
  return format.format(t);
}

/**
 * Builds the format `formatInstant` will use in another time zone than the browser's, in the next
 * task: call it when a request has just gone out. The first date format of a language loads that
 * language's data, a long task on a phone (about 0.1 s at 4× CPU throttling), better spent while
 * the network is busy than between the worklist's answer and its first row (ui.firstWorklist).
 * The browser's own zone needs none (formatLocalInstant).
 */
export function prepareInstantFormat(locale: Locale, timeZone?: string): void {
  if (timeZone) setTimeout(() => formatInstant(0, locale, timeZone), 0);
}

/** YYYY-MM-DD of an instant in `timeZone` (or the browser's). */
export function isoDate(at: number | string | null | undefined, timeZone?: string): string {
  const t = toMillis(at);
  if (t === undefined) return '';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(timeZone ? { timeZone } : {}),
    }).formatToParts(t);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(t);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "2 小时 5 分" / "2 h 5 min": the two largest units, seconds only under a minute. */
export function formatSpan(ms: number, t: AppTranslate): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const parts: string[] = [];
  if (d) parts.push(t('days', { n: d }));
  if (h || d) parts.push(t('hours', { n: h }));
  if (!d) parts.push(t('minutes', { n: m }));
  if (!d && !h && !m) return t('seconds', { n: s });
  return parts.slice(0, 2).join(' ');
}

/** The active leaf state paths of a case, as the server sends them: ['handling.hq', 'billing.open']. */
export function statePaths(state: CaseState): string[] {
  return [...state];
}

/** The deadlines of a case (the server sends them as a list). */
export function deadlinesOf(item: Pick<CaseSummary, 'deadlines'>): Deadline[] {
  return [...item.deadlines];
}

export function isOverdue(item: CaseSummary, now: number): boolean {
  return item.deadlines.some((d) => {
    if (d.breached) return true;
    const due = toMillis(d.deadline);
    return d.status === 'running' && due !== undefined && due < now;
  });
}

/** The earliest deadline still counting, if any. */
export function nextDeadline(item: CaseSummary): number | undefined {
  let best: number | undefined;
  for (const d of deadlinesOf(item)) {
    if (d.status === 'stopped') continue;
    const due = toMillis(d.deadline);
    if (due !== undefined && (best === undefined || due < best)) best = due;
  }
  return best;
}

/** Overdue first, then the nearest deadline, then the most recently updated. */
export function worklistOrder(now: number) {
  return (a: CaseSummary, b: CaseSummary): number => {
    const overdue = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
    if (overdue) return overdue;
    const da = nextDeadline(a) ?? Infinity;
    const db = nextDeadline(b) ?? Infinity;
    if (da !== db) return da < db ? -1 : 1;
    return (toMillis(b.updatedAt) ?? 0) - (toMillis(a.updatedAt) ?? 0);
  };
}

/** A message for people about a failed request. */
export function describeError(error: unknown, t: AppTranslate): string {
  const e = error as Partial<ApiError> | undefined;
  if (e && typeof e.status === 'number') {
    if (e.status === 0) return t('errorNetwork');
    if (e.status === 401) return t('errorLoginExpired');
    if (e.status === 403) return t('errorForbidden', { detail: e.detail || e.title || '' });
    if (e.status === 404) return t('errorNotFound');
    if (e.status === 409) return t('errorConflict', { detail: e.detail || e.title || '' });
    if (e.status === 400 || e.status === 422) return t('errorInvalid', { detail: e.detail || e.title || '' });
    return t('errorServer', { status: e.status, detail: e.detail || e.title || '' });
  }
  return String((error as Error)?.message ?? error);
}

export function loginExpired(target: EventTarget, error: unknown) {
  if ((error as { status?: number })?.status === 401) {
    target.dispatchEvent(
      new CustomEvent('sf-login-expired', { detail: (error as ApiError).problem, bubbles: true, composed: true }),
    );
  }
}

/** What a form produced, as an event's `data` (an object; a form without fields gives none). */
export function eventData(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : {};
}
