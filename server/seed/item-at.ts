// The seed indexes its own arrays with numbers it computed itself (an order's index, a random
// pick, the last charge of a chain): a miss there is a bug in the seed, never a fact of the data.

/** items[index], or a RangeError naming what was looked up when the index is out of range. */
export function itemAt<T>(items: readonly T[], index: number, what = 'item'): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new RangeError(`seed: no ${what} at index ${index} (of ${items.length})`);
  }
  return items[index] as T;
}
