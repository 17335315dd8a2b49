import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import { parseArgs } from '../../server/cli/args';
import { serveFakeStore } from './fake-store-process';

// A stand-in for the Google Play Developer API and Google's OAuth token endpoint, run as a process
// of its own (tests start it with startFakePlayApi in fake-play-api-process.ts):
// - `POST /token` (grant_type jwt-bearer): the service account's RS256 assertion checked against
//   --public-key (iss --client-email, aud this token_uri, the androidpublisher scope) → an access token;
// - `POST /androidpublisher/v3/applications/{--package}/orders/{orderId}:refund?revoke=true` with
//   that token: the order is refunded and revoked — once: asking again refunds nothing more;
// - `GET …/orders/{orderId}`: `{orderId, state: "REFUNDED" | "PROCESSED"}`;
// - `GET /received`: every refund request and the orders refunded. Prints `{"port": N}` first.
const args = parseArgs(process.argv.slice(2), ['public-key', 'client-email', 'package'], []);
const publicKey = await importSPKI(readFileSync(args['public-key']!, 'utf8'), 'RS256');
const tokens = new Set<string>();
const requests: { orderId: string; revoke: boolean }[] = [];
const refunded: string[] = [];

serveFakeStore(async (req, url, body, answer) => {
  if (req.method === 'GET' && url.pathname === '/received') return answer(200, { requests, refunded });
  if (req.method === 'POST' && url.pathname === '/token') {
    const form = new URLSearchParams(body.toString('utf8'));
    try {
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new Error('grant_type');
      const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
        algorithms: ['RS256'],
        issuer: args['client-email'],
        audience: `${url.origin}/token`,
      });
      if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher') throw new Error('scope');
    } catch (error) {
      return answer(400, { error: 'invalid_grant', error_description: error instanceof Error ? error.message : 'invalid' });
    }
    const token = randomBytes(16).toString('hex');
    tokens.add(token);
    return answer(200, { access_token: token, expires_in: 3600, token_type: 'Bearer' });
  }
  const m = /^\/androidpublisher\/v3\/applications\/([^/]+)\/orders\/([^/:]+)(:refund)?$/.exec(url.pathname);
  if (!m) return answer(404, { error: { code: 404, message: 'not found' } });
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer || !tokens.has(bearer)) return answer(401, { error: { code: 401, message: 'invalid credentials' } });
  if (decodeURIComponent(m[1]!) !== args.package) return answer(403, { error: { code: 403, message: 'not your app' } });
  const orderId = decodeURIComponent(m[2]!);
  if (req.method === 'GET' && !m[3]) return answer(200, { orderId, state: refunded.includes(orderId) ? 'REFUNDED' : 'PROCESSED' });
  if (req.method !== 'POST' || !m[3]) return answer(405, { error: { code: 405, message: 'method' } });
  requests.push({ orderId, revoke: url.searchParams.get('revoke') === 'true' });
  if (!refunded.includes(orderId)) refunded.push(orderId);
  return answer(200, {});
});
