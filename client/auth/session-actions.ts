import { createContext, useContext } from 'react';

export interface SessionActions {
  /** Ends the session on the server, forgets everything loaded, and shows sign-in at '/'. */
  signOut: () => Promise<void>;
  /** Ends every session of this staff member on the server (all devices), then as signOut. */
  signOutEverywhere: () => Promise<void>;
}

export const SessionActionsContext = createContext<SessionActions | null>(null);

export function useSessionActions(): SessionActions {
  const actions = useContext(SessionActionsContext);
  if (!actions) throw new Error('useSessionActions() used outside the SessionGate');
  return actions;
}
