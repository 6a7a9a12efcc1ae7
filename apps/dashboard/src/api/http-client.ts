import type { ApiErrorBody } from './contract';

/** An answer other than 2xx: `code` is the api's error code (e.g. NO_CAPABLE_ROBOT), when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type TokenSource = () => string | undefined;

/** Thin fetch wrapper: JSON in and out, the sign-in token attached, errors as ApiError. */
export class HttpClient {
  constructor(
    private readonly token: TokenSource,
    private readonly onUnauthenticated: () => void = () => undefined,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, body, extraHeaders);
  }

  private async request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchFn(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', (error as Error).message);
    }
    if (response.status === 401) this.onUnauthenticated();
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const err = (json ?? {}) as Partial<ApiErrorBody>;
      const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? response.statusText);
      throw new ApiError(response.status, err.code, message);
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function withQuery(path: string, query?: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
