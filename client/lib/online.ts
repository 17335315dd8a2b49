import { onlineManager } from '@tanstack/react-query';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppRouter } from '../../server/router';

// Whether the console can reach its server right now, from two signals: the browser's own
// (navigator.onLine and its online/offline events) and the calls themselves (a fetch that got no
// answer at all). While either says "no", React Query is told the network is gone, so polling
// and refetches pause instead of piling up, and every decision control reads useOnline() to stay
// disabled with a plain reason: a decision is never queued to be sent later. On reconnect React
// Query refetches what the screen shows (refetchOnReconnect).

export type OfflineCause = 'browser' | 'server';

interface Snapshot {
  online: boolean;
  cause: OfflineCause | null;
}

const ONLINE: Snapshot = { online: true, cause: null };
const OFFLINE_BROWSER: Snapshot = { online: false, cause: 'browser' };
const OFFLINE_SERVER: Snapshot = { online: false, cause: 'server' };

// While the server does not answer (and the browser thinks it is online), a cheap public call
// is tried every few seconds; its answer, whatever its status, ends the outage.
const PROBE_MS = 5_000;
const PROBE_URL = '/trpc/health.check';

let browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
let serverUnreachable = false;
let snapshot: Snapshot = compute();
let probe: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function compute(): Snapshot {
  if (!browserOnline) return OFFLINE_BROWSER;
  if (serverUnreachable) return OFFLINE_SERVER;
  return ONLINE;
}

function update() {
  const next = compute();
  if (next === snapshot) return;
  snapshot = next;
  if (snapshot.cause === 'server') startProbe();
  else stopProbe();
  for (const listener of listeners) listener();
}

function startProbe() {
  if (probe) return;
  probe = setInterval(() => {
    fetch(PROBE_URL, { cache: 'no-store', credentials: 'same-origin' }).then(
      () => reportAnswered(),
      () => {},
    );
  }, PROBE_MS);
}

function stopProbe() {
  if (probe) clearInterval(probe);
  probe = null;
}

/** A call got no answer at all (the request never reached the server, or its answer never came back). */
export function reportUnreachable(): void {
  if (serverUnreachable) return;
  serverUnreachable = true;
  update();
}

/** A call got an answer (any HTTP status): the server is reachable. */
export function reportAnswered(): void {
  if (!serverUnreachable) return;
  serverUnreachable = false;
  update();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    browserOnline = true;
    // back online: whatever failed while offline says nothing about the server now
    serverUnreachable = false;
    update();
  });
  window.addEventListener('offline', () => {
    browserOnline = false;
    update();
  });
  // React Query pauses queries (and their polling) while this says offline, and refetches on reconnect.
  onlineManager.setEventListener((setOnline) => {
    setOnline(snapshot.online);
    return subscribe(() => setOnline(snapshot.online));
  });
}

/** True for a call that failed without any answer from the server (no HTTP status). */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  if (error.data) return false;
  const response = (error.meta as { response?: unknown } | undefined)?.response;
  return response === undefined;
}

/** Watches every tRPC call: one that got no answer marks the server unreachable, any answer clears it. */
export const networkLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (value) => {
          reportAnswered();
          observer.next(value);
        },
        error: (error) => {
          if (isNetworkFailure(error)) reportUnreachable();
          else reportAnswered();
          observer.error(error);
        },
        complete: () => observer.complete(),
      }),
    );

export interface OnlineState {
  online: boolean;
  /** why the console is offline: the browser lost its network, or the server stopped answering */
  cause: OfflineCause | null;
  /** the plain reason a decision control shows while offline ("网络已断开，恢复后再操作"), or null */
  reason: string | null;
}

/**
 * Whether decisions may be made right now. Every control that changes state (approve, propose,
 * reject, send) is disabled while `online` is false and says `reason`, e.g.
 * `<Button disabled={!online} title={reason ?? undefined}>`.
 */
export function useOnline(): OnlineState {
  const { t } = useTranslation();
  const state = useSyncExternalStore(subscribe, () => snapshot);
  const reason = state.cause === 'browser' ? t('shell.offline.reason') : state.cause === 'server' ? t('shell.offline.serverReason') : null;
  return { ...state, reason };
}

/** The current state outside React (tests, non-component code). */
export function isOnline(): boolean {
  return snapshot.online;
}
