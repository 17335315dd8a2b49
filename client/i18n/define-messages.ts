/**
 * One area's strings in both languages, side by side. The English half must have exactly the
 * shape of the Chinese one (the default language), so a missing or misspelt key fails the
 * type check instead of showing a raw key to a user.
 */
export function defineMessages<T extends Record<string, unknown>>(messages: { 'zh-CN': T; en: NoInfer<T> }) {
  return messages;
}
