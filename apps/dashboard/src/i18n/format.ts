/** Dates, times, durations and numbers in the chosen language, always on the facility's clock. */

const LOCALES: Record<string, string> = { pl: 'pl-PL', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function localeOf(language: string): string {
  return LOCALES[language] ?? language;
}

const toMs = (value: number | string) => (typeof value === 'number' ? value : Date.parse(value));

export function formatTime(value: number | string, language: string, timeZone: string): string {
  const f = cached(`t|${language}|${timeZone}`, () => new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit' }));
  return f.format(toMs(value));
}

/** HH:MM:SS, for a history where several steps share a minute. */
export function formatTimeSeconds(value: number | string, language: string, timeZone: string): string {
  const f = cached(`ts|${language}|${timeZone}`, () => new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  return f.format(toMs(value));
}

export function formatDateTime(value: number | string, language: string, timeZone: string): string {
  const f = cached(
    `dt|${language}|${timeZone}`,
    () => new Intl.DateTimeFormat(localeOf(language), { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  );
  return f.format(toMs(value));
}

export function formatDate(value: number | string, language: string, timeZone: string): string {
  const f = cached(`d|${language}|${timeZone}`, () => new Intl.DateTimeFormat(localeOf(language), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  return f.format(toMs(value));
}

/** A time today as HH:MM, another day with its date. */
export function formatWhen(value: number | string, now: number, language: string, timeZone: string): string {
  const ms = toMs(value);
  const sameDay = formatDate(ms, language, timeZone) === formatDate(now, language, timeZone);
  return sameDay ? formatTime(ms, language, timeZone) : formatDateTime(ms, language, timeZone);
}

/** Like formatWhen, to the second today. */
export function formatWhenPrecise(value: number | string, now: number, language: string, timeZone: string): string {
  const ms = toMs(value);
  return formatDate(ms, language, timeZone) === formatDate(now, language, timeZone) ? formatTimeSeconds(ms, language, timeZone) : formatDateTime(ms, language, timeZone);
}

/** "5 minut", "1 godz. 20 min" style, rounded for staff (seconds only under a minute). */
export function formatDuration(seconds: number, language: string): string {
  const locale = localeOf(language);
  const unit = (u: 'second' | 'minute' | 'hour', n: number, display: 'long' | 'short' = 'long') =>
    cached(`u|${locale}|${u}|${display}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: display })).format(n);
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return unit('second', s);
  const minutes = Math.round(s / 60);
  if (minutes < 60) return unit('minute', minutes);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? unit('hour', h) : `${unit('hour', h, 'short')} ${unit('minute', m, 'short')}`;
}

/**
 * "za 5 minut" / "in 5 minutes": a span from now, in the grammar the language needs after "in" (Polish takes the
 * accusative — "za 1 godzinę", "za 1 minutę" — which a duration with "za" in front of it got wrong: "za 1 godzina").
 * Intl.RelativeTimeFormat builds the phrase; an hour and minutes read "za 1 godzinę 30 min".
 */
export function formatIn(seconds: number, language: string): string {
  const locale = localeOf(language);
  const rtf = cached(`rtf|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return rtf.format(s, 'second');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return rtf.format(minutes, 'minute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return rtf.format(h, 'hour');
  const rest = cached(`u|${locale}|minute|short`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' })).format(m);
  return `${rtf.format(h, 'hour')} ${rest}`;
}

/** Under this many seconds ago a report reads "now": the screen's clock ticks every few seconds, reports far more often. */
const JUST_NOW_S = 10;

/**
 * "5 minut temu" / "5 minutes ago"; "teraz" / "now" for the last few seconds. Never in the future: a report newer than
 * the caller's `now` (refreshed every few seconds, or a clock a little ahead) has just happened.
 */
export function formatAgo(value: number | string, now: number, language: string): string {
  const ago = Math.max(0, Math.round((now - toMs(value)) / 1000));
  const f = cached(`r|${language}`, () => new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto' }));
  if (ago < JUST_NOW_S) return f.format(0, 'second');
  if (ago < 60) return f.format(-ago, 'second');
  if (ago < 3600) return f.format(-Math.round(ago / 60), 'minute');
  return f.format(-Math.round(ago / 3600), 'hour');
}

export function formatPercent(ratio: number, language: string): string {
  return cached(`p|${language}`, () => new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 })).format(ratio);
}
