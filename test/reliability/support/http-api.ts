// A minimal tRPC-over-HTTP client speaking the wire format of docs/api.md, as curl would.
import { cookieOf } from '../../support/cookie';

export interface Answer<T = unknown> {
  status: number;
  data?: T;
  error?: { message: string; code: number; data: { code: string; httpStatus: number } };
  /** the response body as sent */
  text: string;
}

export function httpApi(base: string, cookie = '') {
  async function send<T>(res: Response): Promise<Answer<T>> {
    const text = await res.text();
    let body: { result?: { data: T }; error?: Answer['error'] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the assertions look at status and text
    }
    return { status: res.status, data: body.result?.data, error: body.error, text };
  }
  return {
    query: async <T = unknown>(path: string, input?: unknown): Promise<Answer<T>> => {
      const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return send<T>(await fetch(`${base}/trpc/${path}${qs}`, { headers: { cookie } }));
    },
    mutate: async <T = unknown>(path: string, input: unknown): Promise<Answer<T>> =>
      send<T>(
        await fetch(`${base}/trpc/${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
      ),
  };
}

export type HttpApi = ReturnType<typeof httpApi>;

/** Signs in and returns the session cookie (`rd_session=…`). */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  return cookieOf(res);
}
