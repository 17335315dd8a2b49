import { createReadStream } from 'node:fs';

// Reads an NDJSON file from a byte offset in chunks of whole lines, each line with its number
// (1-based, counted from the top of the file) and each chunk with the byte offset just past its
// last line, so a caller can commit a chunk and remember exactly where the next one starts.
// A last line without its newline is still a line.

export interface Line {
  no: number;
  text: string;
}

export interface LineChunk {
  lines: Line[];
  /** the byte offset just past the chunk's last line (where the next chunk starts) */
  endOffset: number;
}

export async function* ndjsonChunks(
  path: string,
  opts: { fromOffset: number; fromLine: number; linesPerChunk: number },
): AsyncGenerator<LineChunk> {
  let lineNo = opts.fromLine;
  let offset = opts.fromOffset; // of the first byte not yet part of a yielded line
  let lines: Line[] = [];
  let rest: Buffer | null = null;
  for await (const piece of createReadStream(path, { start: opts.fromOffset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, piece]) : piece;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl; // CRLF too
      lines.push({ no: ++lineNo, text: buf.toString('utf8', start, end) });
      offset += nl + 1 - start;
      start = nl + 1;
      if (lines.length >= opts.linesPerChunk) {
        yield { lines, endOffset: offset };
        lines = [];
      }
    }
    rest = start < buf.length ? buf.subarray(start) : null;
  }
  if (rest && rest.length > 0) {
    lines.push({ no: ++lineNo, text: rest.toString('utf8') });
    offset += rest.length;
  }
  if (lines.length > 0) yield { lines, endOffset: offset };
}
