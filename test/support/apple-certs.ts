import { execFileSync } from 'node:child_process';
import { createPrivateKey, createSign, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A stand-in for Apple's signing certificates (docs/integration.md §6): a root, an intermediate
// carrying Apple's marker extension 1.2.840.113635.100.6.2.1 and a leaf carrying
// 1.2.840.113635.100.6.11.1, all P-256, made with the machine's openssl. The root's PEM is what
// APPLE_ROOT_CA_FILE points at in tests; the leaf signs JWS the way the App Store does (ES256,
// the chain in x5c).

export interface AppleChain {
  rootPem: string;
  /** base64 DER of leaf, intermediate, root: the x5c header */
  x5c: string[];
  leafKey: KeyObject;
}

export interface ChainOptions {
  /** openssl's -days for every certificate (default 3650) */
  days?: number;
  /** the start of the leaf's and intermediate's validity, as openssl's YYYYMMDDHHMMSSZ */
  notBefore?: string;
  /** the end of the leaf and intermediate validity, as openssl's YYYYMMDDHHMMSSZ */
  notAfter?: string;
  /** leave Apple's marker extension off the leaf */
  withoutLeafMarker?: boolean;
}

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function der(pemText: string): string {
  return new X509Certificate(pemText).raw.toString('base64');
}

export function makeAppleChain(options: ChainOptions = {}): AppleChain {
  const dir = mkdtempSync(join(tmpdir(), 'apple-chain-'));
  try {
    const days = String(options.days ?? 3650);
    // `openssl ca` rather than `x509 -req`: openssl 3.0's x509 cannot set explicit validity dates
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test_ca',
        '[test_ca]',
        'database = index.txt',
        'serial = serial.txt',
        'new_certs_dir = .',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        '[any]',
        'commonName = supplied',
        'organizationName = optional',
        '[root]',
        'basicConstraints = critical, CA:true',
        'keyUsage = critical, keyCertSign, cRLSign',
        '[intermediate]',
        'basicConstraints = critical, CA:true, pathlen:0',
        'keyUsage = critical, keyCertSign, cRLSign',
        '1.2.840.113635.100.6.2.1 = ASN1:NULL',
        '[leaf]',
        'basicConstraints = critical, CA:false',
        'keyUsage = critical, digitalSignature',
        ...(options.withoutLeafMarker ? [] : ['1.2.840.113635.100.6.11.1 = ASN1:NULL']),
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial.txt'), `${randomBytes(8).toString('hex')}\n`);
    const sign = (name: string, subject: string, issuer: string | null, dates: string[]) => {
      openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`]);
      openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
      const by = issuer ? ['-cert', `${issuer}.pem`, '-keyfile', `${issuer}.key`] : ['-selfsign', '-keyfile', `${name}.key`];
      openssl(dir, [
        'ca',
        '-batch',
        '-notext',
        '-config',
        'ca.cnf',
        ...by,
        '-in',
        `${name}.csr`,
        '-out',
        `${name}.pem`,
        ...dates,
        '-extfile',
        'ca.cnf',
        '-extensions',
        name,
      ]);
    };
    // the root spans the others, so only the leaf's and intermediate's dates decide
    sign('root', '/CN=Test Apple Root CA/O=Refund Desk tests', null, ['-startdate', '20200101000000Z', '-enddate', '20450101000000Z']);
    const dates =
      options.notBefore || options.notAfter
        ? ['-startdate', options.notBefore ?? '20200101000000Z', '-enddate', options.notAfter ?? '20400101000000Z']
        : ['-days', days];
    sign('intermediate', '/CN=Test Apple WWDR CA/O=Refund Desk tests', 'root', dates);
    sign('leaf', '/CN=Test App Store Signing/O=Refund Desk tests', 'intermediate', dates);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return {
      rootPem: read('root.pem'),
      x5c: [der(read('leaf.pem')), der(read('intermediate.pem')), der(read('root.pem'))],
      leafKey: createPrivateKey(read('leaf.key')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/** A compact JWS (ES256) of `payload` signed by the chain's leaf, the chain in x5c: what the App Store sends. */
export function signJws(chain: Pick<AppleChain, 'x5c' | 'leafKey'>, payload: unknown): string {
  const head = b64url(JSON.stringify({ alg: 'ES256', x5c: chain.x5c }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign('sha256').update(`${head}.${body}`).sign({ key: chain.leafKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64url(signature)}`;
}
