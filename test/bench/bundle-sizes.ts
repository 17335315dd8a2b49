import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file: string) => gzipSync(readFileSync(file)).length;
// What the server sends a browser that takes brotli: the build's .br twin, or the file itself.
const br = (file: string) => readFileSync(existsSync(`${file}.br`) ? `${file}.br` : file).length;

// What a first visit downloads (the entry script, its preloaded imports and CSS) and what each
// lazy route chunk adds, gzipped, from the production build; and the initial files as the
// server sends them to a browser that takes brotli (the build's precompressed .br). Note that
// kB here is 1024 bytes; the browser suite's transferred figures use 1000.
export function bundleSizes(dir: string) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`no build at ${dir}: run npm run build first`);
  const html = readFileSync(index, 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]).filter((file) => file !== undefined);
  const initialJs = initial.filter((f) => f.endsWith('.js'));
  const initialCss = initial.filter((f) => f.endsWith('.css'));
  const routes = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialJs.includes(`assets/${f}`))
    .map((f) => ({ chunk: f, gzipKb: kb(gz(join(dir, 'assets', f))) }))
    .sort((a, b) => b.gzipKb - a.gzipKb);
  return {
    initialJsGzipKb: kb(initialJs.reduce((s, f) => s + gz(join(dir, f)), 0)),
    initialCssGzipKb: kb(initialCss.reduce((s, f) => s + gz(join(dir, f)), 0)),
    initialJsBrotliKb: kb(initialJs.reduce((s, f) => s + br(join(dir, f)), 0)),
    initialCssBrotliKb: kb(initialCss.reduce((s, f) => s + br(join(dir, f)), 0)),
    routes,
  };
}
