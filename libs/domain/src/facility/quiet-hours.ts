/** A daily local-time window in minutes after midnight; `end < start` means it wraps midnight (22:00-06:00). */
export interface QuietHours {
  readonly startMin: number;
  readonly endMin: number;
}

const HH_MM_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM-HH:MM` → window, or undefined when malformed or empty (start = end is ambiguous, so it is refused). */
export function parseQuietHours(text: string): QuietHours | undefined {
  const m = HH_MM_RANGE.exec(text);
  if (!m) return undefined;
  const startMin = Number(m[1]) * 60 + Number(m[2]);
  const endMin = Number(m[3]) * 60 + Number(m[4]);
  return startMin === endMin ? undefined : { startMin, endMin };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight in `timezone` at the instant `epochMs`. */
export function localMinuteOfDay(epochMs: number, timezone: string): number {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(epochMs);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** Whether the window holds at `epochMs`; start inclusive, end exclusive. */
export function isWithinQuietHours(quietHours: QuietHours, epochMs: number, timezone: string): boolean {
  const minute = localMinuteOfDay(epochMs, timezone);
  const { startMin, endMin } = quietHours;
  return startMin < endMin ? minute >= startMin && minute < endMin : minute >= startMin || minute < endMin;
}
