import type { CompiledQuery, Compilable } from 'kysely';
import { readNow, type Db } from './client';

const SLOT = '\u0000slot\u0000';
const SHAPES_KEPT = 1000;

export type Slot<Values> = <K extends keyof Values & string>(name: K) => Values[K];

/**
 * A query whose SQL depends on a few choices (its shape: which filters, which sort, the page
 * size) while its values change on every call. Kysely builds and compiles a query anew each
 * time — a fifth of an order lookup's time under load (docs/performance.md) — so each shape is
 * built once, with a named slot wherever a value goes, and later calls only fill the slots.
 *
 * `build` may read the shape but must take every value through `slot`: a value written into
 * the query directly would be kept for every later call of that shape, so building refuses a
 * query with any parameter that is not a slot.
 */
export function shapedQuery<Shape, Values extends object, Row>(build: (db: Db, shape: Shape, slot: Slot<Values>) => Compilable<Row>) {
  const kept = new Map<string, CompiledQuery<Row>>();
  const slot = ((name: string) => SLOT + name) as Slot<Values>;

  function compiledFor(db: Db, shape: Shape): CompiledQuery<Row> {
    const key = JSON.stringify(shape);
    const hit = kept.get(key);
    if (hit) return hit;
    const compiled = build(db, shape, slot).compile();
    const loose = compiled.parameters.filter((p) => typeof p !== 'string' || !p.startsWith(SLOT));
    if (loose.length > 0) throw new Error(`shapedQuery: a value was written into the query instead of a slot: ${JSON.stringify(loose)}`);
    if (kept.size >= SHAPES_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, compiled);
    return compiled;
  }

  return async (db: Db, shape: Shape, values: Values): Promise<Row[]> => {
    const compiled = compiledFor(db, shape);
    const parameters = compiled.parameters.map((p) => (values as Record<string, unknown>)[(p as string).slice(SLOT.length)]);
    return readNow<Row>(db, compiled.sql, parameters) ?? (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
