import helmet from 'helmet';

// One header policy for every response: a CSP with no inline script, no framing, no sniffing,
// no referrer; HSTS only when served over HTTPS.
export function securityHeaders(cookieSecure: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: cookieSecure,
  });
}

/**
 * The same headers worked out once, as a plain record: the tRPC path writes them with its
 * answer in one writeHead instead of running helmet's dozen setHeader calls on every request.
 * None of them depends on the request.
 */
export function securityHeaderRecord(cookieSecure: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  securityHeaders(cookieSecure)({} as never, recorder as never, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}
