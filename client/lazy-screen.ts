import { lazyRouteComponent } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import type { LazyScreen } from './access';
import { loadScreenMessages } from './i18n/load-screen-messages';

/**
 * A route component fetched on first visit, together with (in parallel, not after) the
 * screens' strings, so neither is in the first download and no screen renders a raw key.
 * The importer is typed loosely on purpose: checking the screen module's exports here would
 * make the router's own type depend on the screens that use it (a cycle TypeScript gives up on).
 */
export function lazyScreen(importer: () => Promise<unknown>, exportName: string): LazyScreen {
  return lazyRouteComponent(
    () => Promise.all([importer(), loadScreenMessages()]).then(([module]) => module as Record<string, ComponentType>),
    exportName,
  );
}
