/** The `name=value` part of a response's Set-Cookie header: what the next request sends back. */
export function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie');
  if (!header) throw new Error(`no Set-Cookie header on HTTP ${res.status} from ${res.url}`);
  const [pair = ''] = header.split(';', 1);
  return pair;
}
