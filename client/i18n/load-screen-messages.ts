import i18n from 'i18next';
import { pick, type Lang } from './resources';

let loading: Promise<void> | undefined;

/**
 * Fetches the screens' strings once and adds them to i18next in both languages. Lazy routes
 * await it beside their own code, so a screen never renders a raw key; a failed fetch is
 * retried on the next navigation.
 */
export function loadScreenMessages(): Promise<void> {
  loading ??= import('./screen-messages')
    .then(({ screenAreas }) => {
      for (const lang of ['zh-CN', 'en'] as Lang[]) {
        i18n.addResourceBundle(lang, 'translation', pick(screenAreas, lang), true, true);
      }
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
