export interface Figure {
  name: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number | null;
}

/** The p-th percentile of ascending samples (nearest rank); NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
/** A figure in ms to the hundredth. */
export const round = (n: number) => Math.round(n * 100) / 100;

/** Times in ms as the bench reports them: the percentiles `ps` and the maximum, rounded (sorts `times`). */
export function spreadOf<P extends number>(times: number[], ps: readonly P[]) {
  times.sort((a, b) => a - b);
  const at = Object.fromEntries(ps.map((p) => [`p${p}`, round(percentile(times, p))])) as Record<`p${P}`, number>;
  return { ...at, max: round(times.at(-1) ?? NaN) };
}

/** One client in sequence: latency percentiles over requests 0..n-1, after warm-up requests n..n+19. */
export async function latency(name: string, n: number, request: (i: number) => Promise<Response>): Promise<Figure> {
  for (let i = n; i < n + 20; i++) await (await request(i)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await request(i);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status >= 400) throw new Error(`${name}: HTTP ${res.status} on request ${i}`);
  }
  times.sort((a, b) => a - b);
  return { name, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), p99Ms: round(percentile(times, 99)), rps: null };
}

/** The median of some numbers (the mean of the middle two for an even count); NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
