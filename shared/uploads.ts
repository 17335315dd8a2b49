// Uploaded files (evidence on cases, attachments on logged contacts): what is accepted and how
// a hostile name is made harmless. Pure, so the console checks a file before sending it and the
// server decides with the same rules. (Whether the bytes match the type is the server's alone:
// server/uploads/content-matches-type.ts.)

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_FILE_NAME_CHARS = 120;
export const MAX_COMM_ATTACHMENTS = 5;

/** The accepted types and the extensions a saved copy may carry (the first is added when missing). */
export const UPLOAD_TYPES = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log', 'text'],
} as const satisfies Record<string, readonly string[]>;

export type UploadType = keyof typeof UPLOAD_TYPES;

export function isUploadType(value: string): value is UploadType {
  return Object.hasOwn(UPLOAD_TYPES, value);
}

/** `image/png; charset=x` → `image/png`; anything unusable → ''. */
export function baseMimeType(header: string | null | undefined): string {
  const [type = ''] = String(header ?? '').split(';', 1);
  return type.trim().toLowerCase();
}

/** The type a file name's extension stands for, for browsers that leave File.type empty. */
export function typeFromExtension(name: string): UploadType | null {
  const ext = name.toLowerCase().split('.').at(-1) ?? '';
  for (const [type, exts] of Object.entries(UPLOAD_TYPES)) {
    if ((exts as readonly string[]).includes(ext)) return type as UploadType;
  }
  return null;
}

// C0/C1 controls and DEL; bidi embeddings, overrides, isolates and marks (a name like
// "invoice\u202Efdp.exe" reads as "invoiceexe.pdf"); zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// Characters Windows refuses in file names (the download is saved on agents' PCs).
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to store, show and offer as a download name: the last path segment only,
 * no control or direction-changing characters, no leading dots, at most MAX_FILE_NAME_CHARS
 * characters (CJK kept), ending in an extension of its type.
 */
export function sanitiseFileName(raw: string, type: UploadType): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  let name = lastSegment
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  const exts: readonly string[] = UPLOAD_TYPES[type];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let stem = exts.includes(ext) ? name.slice(0, dot) : name;
  const suffix = `.${exts.includes(ext) ? ext : exts[0]}`;
  if (!stem) stem = 'file';
  const room = MAX_FILE_NAME_CHARS - suffix.length;
  const chars = Array.from(stem);
  if (chars.length > room)
    stem =
      chars
        .slice(0, room)
        .join('')
        .replace(/[\s.]+$/, '') || 'file';
  return stem + suffix;
}

/** `1.2 MB`, `340 KB`, `12 B`: sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / (1024 * 102.4)) / 10} MB`;
}
