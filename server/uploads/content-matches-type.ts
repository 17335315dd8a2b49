// Whether an uploaded file's bytes are what its declared type says. The server's decision
// alone (the console cannot be trusted to check its own upload), so it lives here and not in
// shared/uploads.ts; it also uses TextDecoder, which is neither in ES nor in shared/'s libs.
import type { UploadType } from '../../shared/uploads';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/**
 * Whether the leading bytes are what the declared type says: a PNG that is really HTML (or a
 * script renamed .pdf) is refused. Plain text must be valid UTF-8 without NUL bytes.
 */
export function contentMatchesType(bytes: Uint8Array, type: UploadType): boolean {
  switch (type) {
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/gif':
      return startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'));
    case 'image/webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
    case 'application/pdf':
      return startsWith(bytes, ascii('%PDF-'));
    case 'text/plain':
      return isPlainText(bytes);
  }
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
