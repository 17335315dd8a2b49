import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadFile, UploadError, type UploadedFile, type UploadFailure } from '../lib/upload-file';

export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  /** 0–1 */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  failure?: UploadFailure;
  /** the server's own words, kept beneath the translated sentence */
  detail?: string;
  uploaded?: UploadedFile;
}

let seq = 0;

/**
 * Files picked in a form, each sent to POST /uploads at once so the user sees progress and any
 * refusal before submitting; the form then submits the finished uploads' ids.
 */
export function useFileUploads(max: number) {
  const [items, setItems] = useState<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((c) => c.abort());
  }, []);

  const update = useCallback(
    (key: string, patch: Partial<PendingUpload>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i))),
    [],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, max - items.filter((i) => i.status !== 'failed').length);
      for (const file of files.slice(0, room)) {
        const key = `upload-${++seq}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setItems((list) => [...list, { key, name: file.name, size: file.size, progress: 0, status: 'uploading' }]);
        uploadFile(file, { signal: controller.signal, onProgress: (progress) => update(key, { progress }) })
          .then((uploaded) => update(key, { status: 'done', progress: 1, uploaded }))
          .catch((error: unknown) => {
            if (controller.signal.aborted) return;
            const failure = error instanceof UploadError ? error.failure : 'failed';
            const detail = error instanceof UploadError && error.message !== failure ? error.message : undefined;
            update(key, { status: 'failed', failure, detail });
          })
          .finally(() => controllers.current.delete(key));
      }
      return files.length - Math.min(files.length, room);
    },
    [items, max, update],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const reset = useCallback(() => {
    controllers.current.forEach((c) => c.abort());
    setItems([]);
  }, []);

  return {
    items,
    add,
    remove,
    reset,
    /** finished uploads, in the order picked */
    uploaded: items.flatMap((i) => (i.uploaded ? [i.uploaded] : [])),
    busy: items.some((i) => i.status === 'uploading'),
    full: items.filter((i) => i.status !== 'failed').length >= max,
  };
}

export type FileUploads = ReturnType<typeof useFileUploads>;
