/** One string in both languages: `['退款工作台', 'Refund Desk']`, Chinese (the default) first. */
export type MessagePair = readonly [zh: string, en: string];

/**
 * An area's key tree, written once: every leaf is a pair, so a key cannot be missing or
 * misspelt in one language, and a string's translation stands beside it. Message values are
 * strings only (no arrays), so a two-string array always means the two languages.
 */
export interface MessageTree {
  readonly [key: string]: MessagePair | MessageTree;
}

/** One language's half of a tree: the same keys, a string at every leaf. */
type Half<T> = { [K in keyof T]: T[K] extends MessagePair ? string : Half<T[K]> };

function half(tree: MessageTree, lang: 0 | 1): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      Array.isArray(value) ? (value as MessagePair)[lang] : half(value as MessageTree, lang),
    ]),
  );
}

/**
 * One area's strings: a single key tree with both languages at each leaf, returned as one
 * tree per language (`{ 'zh-CN': …, en: … }`, the shape i18next's resources want).
 */
export function defineMessages<T extends MessageTree>(tree: T): { 'zh-CN': Half<T>; en: Half<T> } {
  return { 'zh-CN': half(tree, 0) as Half<T>, en: half(tree, 1) as Half<T> };
}
