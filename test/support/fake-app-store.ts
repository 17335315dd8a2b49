import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify } from 'jose';
import { parseArgs } from '../../server/cli/args';
import { serveFakeStore } from './fake-store-process';

// A stand-in for Apple's App Store Server API, run as a process of its own (tests start it with
// startFakeAppStore in fake-app-store-process.ts): `PUT /inApps/v2/transactions/consumption/{id}`
// answers 202 when the bearer JWT verifies against --public-key (ES256) with Apple's claims — kid,
// iss, aud "appstoreconnect-v1", bid, a short lifetime — and the body has the fields Apple wants;
// 401 or 400 otherwise. `GET /received` lists what it took; `POST /fail-next` makes the next PUT
// answer 500. Prints `{"port": N}` on its first line of output.
const args = parseArgs(process.argv.slice(2), ['public-key', 'key-id', 'issuer', 'bundle'], []);
const publicKey = await importSPKI(readFileSync(args['public-key']!, 'utf8'), 'ES256');
const received: { transactionId: string; body: unknown }[] = [];
let failNext = false;

serveFakeStore(async (req, _url, rawBody, answer) => {
  if (req.method === 'GET' && req.url === '/received') return answer(200, received);
  if (req.method === 'POST' && req.url === '/fail-next') {
    failNext = true;
    return answer(200, {});
  }
  const m = /^\/inApps\/v2\/transactions\/consumption\/([^/?]+)$/.exec(req.url ?? '');
  if (req.method !== 'PUT' || !m) return answer(404, { errorCode: 4040000, errorMessage: 'not found' });
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  try {
    if (!token) throw new Error('no bearer token');
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: args.issuer,
      audience: 'appstoreconnect-v1',
      maxTokenAge: '60m',
    });
    if (protectedHeader.kid !== args['key-id']) throw new Error('wrong kid');
    if (payload.bid !== args.bundle) throw new Error('wrong bid');
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > 3600) throw new Error('lifetime');
  } catch (error) {
    return answer(401, { errorMessage: error instanceof Error ? error.message : 'unauthorized' });
  }
  if (failNext) {
    failNext = false;
    return answer(500, { errorCode: 5000000 });
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
  } catch {
    return answer(400, { errorMessage: 'invalid json' });
  }
  const pct = body.consumptionPercentage;
  const ok =
    typeof body.customerConsented === 'boolean' &&
    typeof body.sampleContentProvided === 'boolean' &&
    typeof body.deliveryStatus === 'string' &&
    (pct === undefined || (Number.isInteger(pct) && (pct as number) >= 0 && (pct as number) <= 100000)) &&
    (body.refundPreference === undefined || ['GRANT_FULL', 'GRANT_PRORATED', 'DECLINE'].includes(String(body.refundPreference)));
  if (!ok) return answer(400, { errorMessage: 'invalid request body' });
  received.push({ transactionId: decodeURIComponent(m[1]!), body });
  answer(202);
});
