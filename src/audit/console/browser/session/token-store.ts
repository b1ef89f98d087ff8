/**
 * The bearer token lives in this tab's sessionStorage and nowhere else: it is gone when the
 * tab closes, other tabs and sites never see it, and it is never put in a URL or a cookie.
 */
const KEY = 'redaksi.console.token';

export function storedToken(): string | undefined {
  try {
    const token = sessionStorage.getItem(KEY);
    return token === null || token === '' ? undefined : token;
  } catch {
    return undefined; // storage disabled: the user signs in again on each load
  }
}

export function storeToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage disabled: the token stays in memory for this page only.
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

/** What a bearer token may look like (RFC 6750 b64token); anything else is a paste mistake. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token);
}
