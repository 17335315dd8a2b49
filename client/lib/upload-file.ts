import { isUploadType, MAX_UPLOAD_BYTES, typeFromExtension, type UploadType } from '../../shared/uploads';

/** What POST /uploads answers. */
export interface UploadedFile {
  uploadId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
}

/** Why a file did not upload, in terms the console can say in words. */
export type UploadFailure = 'tooLarge' | 'type' | 'content' | 'empty' | 'name' | 'signedOut' | 'forbidden' | 'network' | 'failed';

export class UploadError extends Error {
  constructor(
    readonly failure: UploadFailure,
    message: string = failure,
  ) {
    super(message);
  }
}

/** The type the file will be sent as: the browser's, or its extension's when the browser has none. */
export function uploadTypeOf(file: File): UploadType | null {
  const declared = file.type.toLowerCase();
  if (isUploadType(declared)) return declared;
  return declared ? null : typeFromExtension(file.name);
}

/** The refusal the server would give, decided before a byte is sent. */
export function precheck(file: File): UploadFailure | null {
  if (!uploadTypeOf(file)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'tooLarge';
  return null;
}

const BY_REASON: Record<string, UploadFailure> = { size: 'tooLarge', type: 'type', content: 'content', empty: 'empty', name: 'name' };

function failureOf(status: number, body: unknown): UploadError {
  const error = (body as { error?: { message?: unknown; data?: { reason?: unknown } } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const reason = typeof error?.data?.reason === 'string' ? BY_REASON[error.data.reason] : undefined;
  if (reason) return new UploadError(reason, message);
  if (status === 413) return new UploadError('tooLarge', message);
  if (status === 401) return new UploadError('signedOut', message);
  if (status === 403) return new UploadError('forbidden', message);
  return new UploadError('failed', message);
}

/**
 * Sends one file to POST /uploads (XMLHttpRequest: fetch reports no upload progress).
 * `onProgress` gets 0–1; `signal` aborts. Rejects with an UploadError.
 */
export function uploadFile(
  file: File,
  opts: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<UploadedFile> {
  const early = precheck(file);
  if (early) return Promise.reject(new UploadError(early));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/uploads');
    xhr.responseType = 'json';
    xhr.setRequestHeader('Content-Type', uploadTypeOf(file)!);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201 && xhr.response) resolve(xhr.response as UploadedFile);
      else reject(failureOf(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new UploadError('network'));
    xhr.onabort = () => reject(new UploadError('network', 'aborted'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
