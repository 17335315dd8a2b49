/** A random element of a list, by Math.random: for load generators, not for reproducible data. */
export function randomPick<T>(list: readonly T[]): T {
  if (list.length === 0) throw new RangeError('randomPick: the list is empty');
  return list[Math.floor(Math.random() * list.length)]!; // an index in [0, length)
}
