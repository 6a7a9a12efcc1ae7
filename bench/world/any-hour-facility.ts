/**
 * A facility file's JSON with its zones' quiet hours left out (their speed limits kept). Quiet hours hold routine tasks
 * to the zones' rooms at night (22:00–06:00 in the demo building); what runs the api on the wall clock — bench:e2e, the
 * medium and e2e tests, the soak — must not depend on the hour it runs at. Quiet hours have their own specs.
 */
export function withoutQuietHours<T extends { zones?: readonly Record<string, unknown>[] }>(facility: T): T {
  return { ...facility, zones: (facility.zones ?? []).map(({ quietHours: _quietHours, ...zone }) => zone) };
}
