/**
 * A URL as it may be shown (the api's health, logs and configuration errors; the simulator's output): without its user
 * info, for `mqtt://user:pass@host` carries a login. Everything up to the last `@` after the scheme goes, so a password
 * with an unencoded `/` or `@` does not leave a piece behind, and a value that is no URL at all is handled the same way.
 */
export function withoutUserInfo(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? '';
  return at < scheme.length ? url : `${scheme}${url.slice(at + 1)}`;
}
