import type { APIRequestContext, Page } from 'playwright-core';
import { BASE_URL } from './browser';

// The API as a signed-in staff member, plain tRPC over HTTP as curl would call it: through a
// page's own session cookie (to pick realistic demo data, set up cases) or a request context of
// its own (apiSession in settings.e2e.ts).

type Caller = Page | APIRequestContext;
const requestOf = (caller: Caller): APIRequestContext => ('request' in caller ? caller.request : caller);

async function answer<T>(path: string, res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}

export async function query<T>(caller: Caller, path: string, input?: unknown): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return answer<T>(path, await requestOf(caller).get(`${BASE_URL}/trpc/${path}${search}`));
}

export async function mutate<T>(caller: Caller, path: string, input: unknown): Promise<T> {
  return answer<T>(
    path,
    await requestOf(caller).post(`${BASE_URL}/trpc/${path}`, { data: input, headers: { 'content-type': 'application/json' } }),
  );
}
