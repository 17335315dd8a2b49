import { Worker } from 'node:worker_threads';
import { checkEvent, type CheckedEvent } from './events';
import { ndjsonChunks, type LineChunk } from './ndjson-chunks';

// An NDJSON file's lines, parsed and checked (checkEvent, the route's own checks), a chunk at a
// time. The reading, JSON.parse, schema checks and body hashes run in a worker thread
// (check-worker.ts) so the main thread only applies events: on two cores the import's two halves
// run side by side. The worker reads at most two chunks ahead (it waits for `more`).

export interface BadLine {
  line: number;
  /** the event's id when the line had one; never the event's data (it may name a member) */
  id?: string;
  reason: string;
}

export interface GoodLine {
  line: number;
  checked: CheckedEvent;
}

export interface CheckedChunk {
  firstLine: number;
  lastLine: number;
  /** the byte offset just past the chunk's last line */
  endOffset: number;
  good: GoodLine[];
  refused: BadLine[];
}

export interface ChunkSource {
  path: string;
  fromOffset: number;
  fromLine: number;
  linesPerChunk: number;
}

export function checkChunk(chunk: LineChunk): CheckedChunk {
  const good: GoodLine[] = [];
  const refused: BadLine[] = [];
  for (const { no, text } of chunk.lines) {
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the line: it may carry a phone number or an e-mail
      refused.push({ line: no, reason: 'not valid JSON' });
      continue;
    }
    const c = checkEvent(raw, 0);
    // the raw body stays behind: only the checked event and its hash cross to the main thread
    if (c.ok) good.push({ line: no, checked: { event: c.value.event, sha256: c.value.sha256, raw: null } });
    else
      refused.push({
        line: no,
        ...(c.errors[0]?.id !== undefined && { id: c.errors[0].id }),
        reason: c.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
      });
  }
  return { firstLine: chunk.lines[0]!.no, lastLine: chunk.lines[chunk.lines.length - 1]!.no, endOffset: chunk.endOffset, good, refused };
}

/** The file's checked chunks, from a worker thread. */
export async function* checkedChunks(source: ChunkSource): AsyncGenerator<CheckedChunk> {
  // the worker is TypeScript too: it registers tsx's loader (as every entry point here runs
  // under tsx), then loads check-worker.ts
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./check-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: source });
  const arrived: (CheckedChunk | null)[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: CheckedChunk | null) => {
    arrived.push(m);
    poke();
  });
  worker.on('error', (error) => {
    failure = error;
    poke();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && failure === null) failure = new Error(`the line checker stopped (exit ${code})`);
    poke();
  });
  try {
    for (;;) {
      while (arrived.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      if (arrived.length === 0) throw failure;
      const next = arrived.shift()!;
      if (next === null) return;
      worker.postMessage('more');
      yield next;
    }
  } finally {
    await worker.terminate();
  }
}

/** The same on the calling thread (where a worker cannot start). */
export async function* checkedChunksHere(source: ChunkSource): AsyncGenerator<CheckedChunk> {
  for await (const chunk of ndjsonChunks(source.path, source)) yield checkChunk(chunk);
}
