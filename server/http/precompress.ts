import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

// The client's text files, compressed once at build time (vite.config.ts runs this after every
// `vite build`), so the server sends them compressed without compressing on each request:
// `x.js.br` (brotli at its best quality) and `x.js.gz` (gzip -9) beside `x.js`.
// server/http/static-files.ts picks one by the request's Accept-Encoding.

/** File types worth compressing: text. Images other than SVG and fonts are compressed already. */
export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.xml', '.webmanifest']);

/** Below this (1 kB) the saving is smaller than a packet and not worth a request header's negotiation. */
export const MIN_BYTES = 1000;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Precompressed {
  file: string;
  bytes: number;
  br: number | null;
  gz: number | null;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Writes `.br` and `.gz` beside every compressible file of `dir` of 1 kB or more; a variant that does not shrink the file is not written. */
export async function precompressDir(dir: string): Promise<Precompressed[]> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.has(extname(f)));
  return Promise.all(
    files.map(async (file): Promise<Precompressed> => {
      const raw = await readFile(file);
      if (raw.length < MIN_BYTES) return { file, bytes: raw.length, br: null, gz: null };
      const [b, g] = await Promise.all([
        brotli(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gz(raw, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      const keep = async (suffix: string, bytes: Buffer) => {
        if (bytes.length >= raw.length) return null;
        await writeFile(file + suffix, bytes);
        return bytes.length;
      };
      return { file, bytes: raw.length, br: await keep('.br', b), gz: await keep('.gz', g) };
    }),
  );
}
