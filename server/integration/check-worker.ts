import { parentPort, workerData } from 'node:worker_threads';
import { checkChunk, type ChunkSource } from './checked-chunks';
import { ndjsonChunks } from './ndjson-chunks';

// The line checker's thread (checked-chunks.ts): reads the file, checks each line, posts each
// chunk to the import, never more than two ahead of it; null at the end.
const source = workerData as ChunkSource;
const port = parentPort!;
let credit = 2;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});
for await (const chunk of ndjsonChunks(source.path, source)) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage(checkChunk(chunk));
}
port.postMessage(null);
port.close();
