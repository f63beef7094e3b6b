/**
 * What every page of the tab shares: connecting to Teams (or developer mode), the Fluent theme that
 * follows Teams', the API client, and a live copy of the conference record.
 */
import { StrictMode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import { Api, ApiError } from './api.js';
import type { ViewName } from './api.js';
import { connectHost } from './teams.js';
import './base.css';
import type { Host, ThemeName } from './teams.js';
import type { ChairView, StageView } from './types.js';

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

export interface TabContext {
  host: Host;
  api: Api;
}

const Ctx = createContext<TabContext | null>(null);

export function useTab(): TabContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useTab outside the tab shell');
  return ctx;
}

function Shell({ host, children }: { host: Host; children: ReactNode }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [api] = useState(() => new Api(host));
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }}>
      <Ctx.Provider value={{ host, api }}>{children}</Ctx.Provider>
    </FluentProvider>
  );
}

/** Mounts a page: connects to Teams first (or falls back to developer mode), then renders. */
export function mount(page: () => ReactNode): void {
  const root = createRoot(document.getElementById('root')!);
  void connectHost().then((host) => {
    root.render(
      <StrictMode>
        <Shell host={host}>{page()}</Shell>
      </StrictMode>,
    );
  });
}

/** The conference this page shows: from the tab's content URL (?conferenceId=). */
export function conferenceIdFromUrl(): string | undefined {
  return new URLSearchParams(location.search).get('conferenceId') ?? undefined;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  // Our own messages (e.g. from the Teams host) are written for people; anything else is not.
  if (err instanceof Error && err.message && !/^[A-Z_]+$|undefined|null/.test(err.message))
    return err.message;
  return 'Something went wrong. Try again.';
}

export function ErrorBar({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{error}</MessageBarBody>
    </MessageBar>
  );
}

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} style={{ padding: 24 }} />;
}

type ViewOf<V extends ViewName> = V extends 'chair' ? ChairView : StageView;

export interface LiveRecord<V extends ViewName> {
  view: ViewOf<V> | undefined;
  error: string | undefined;
  /** The service's code for a refused load (NOT_ALLOWED_FOR_ROLE: this person may not see this view). */
  errorCode: string | undefined;
  connected: boolean;
  /** Takes a view the service answered with (a command's response); older versions are ignored. */
  accept(view: ViewOf<V>): void;
  reload(): Promise<void>;
}

/** The record as the service projects it for `view`, kept current by the live stream. */
export function useLiveRecord<V extends ViewName>(
  conferenceId: string | undefined,
  viewName: V,
): LiveRecord<V> {
  const { api } = useTab();
  const [view, setView] = useState<ViewOf<V>>();
  const [error, setError] = useState<string>();
  const [errorCode, setErrorCode] = useState<string>();
  const [connected, setConnected] = useState(false);

  // Versions only move forward: a late response or stream event never replaces a newer view.
  const accept = useCallback((next: ViewOf<V>) => {
    setView((current) => (current && current.version > next.version ? current : next));
  }, []);

  const reload = useCallback(async () => {
    if (!conferenceId) return;
    try {
      accept(await api.record(conferenceId, viewName));
      setError(undefined);
      setErrorCode(undefined);
    } catch (err) {
      setError(errorMessage(err));
      setErrorCode(err instanceof ApiError ? err.code : undefined);
    }
  }, [api, conferenceId, viewName, accept]);

  useEffect(() => {
    if (!conferenceId) {
      setError('This tab does not know which conference to show. Open it from the conference meeting.');
      return;
    }
    // The stream sends the current view on connect too; the GET makes the first render independent of it
    // and tells a refused viewer why (an EventSource only says "error").
    let stop: (() => void) | undefined;
    let cancelled = false;
    void api.record(conferenceId, viewName).then(
      (first) => {
        if (cancelled) return;
        accept(first);
        stop = api.follow(conferenceId, viewName, accept, setConnected);
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(errorMessage(err));
        setErrorCode(err instanceof ApiError ? err.code : undefined);
      },
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [api, conferenceId, viewName, accept]);

  return { view, error, errorCode, connected, accept, reload };
}

/** Formats an ISO date or date-time for people in England. */
export function formatDate(iso: string | undefined, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}
