/**
 * Everything the tab asks of Teams, in one place. Inside Teams: app.initialize, the theme from the
 * context (and its changes), the meeting the page is open in, the SSO token, share to stage. Outside
 * Teams (a plain browser on the developer's machine) the tab runs in developer mode: no teams-js is
 * loaded at all, the API is called with the developer sign-in cookie, and "Share to stage" opens the
 * stage in a new window.
 */
export type ThemeName = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  /** The Teams meeting this page is open in (side panel, stage), from the context; never outside Teams. */
  meeting?: { meetingId: string; chatId: string } | undefined;
  /** Called with the new theme when Teams switches it (never outside Teams). */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** A bearer token for the service's API, or undefined in developer mode (the cookie is used). */
  token(): Promise<string | undefined>;
  /** Shows `url` (a tab page of ours) on the meeting stage; rejects with a message for people. */
  shareToStage(url: string): Promise<void>;
  /** Saves the configurable tab's content URL (the configuration page). */
  saveTabConfig(contentUrl: string, name: string): Promise<void>;
}

type TeamsJs = typeof import('@microsoft/teams-js');

const INIT_TIMEOUT_MS = 3000;

export function asThemeName(value: string | null | undefined): ThemeName | undefined {
  if (value === 'dark' || value === 'contrast' || value === 'default') return value;
  if (value === 'light') return 'default';
  return undefined;
}

/** Teams always loads a tab in an iframe; a top-level page on its own is developer mode. */
function maybeInTeams(): boolean {
  return window.parent !== window || new URLSearchParams(location.search).get('inTeams') === '1';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function connectHost(): Promise<Host> {
  const override = asThemeName(new URLSearchParams(location.search).get('theme'));
  if (maybeInTeams()) {
    try {
      // Loaded only inside Teams, so a page opened in a plain browser stays small.
      const teams: TeamsJs = await import('@microsoft/teams-js');
      await withTimeout(teams.app.initialize(), INIT_TIMEOUT_MS);
      const context = await teams.app.getContext();
      teams.app.notifySuccess();
      const meetingId = context.meeting?.id;
      const chatId = context.chat?.id;
      return teamsHost(
        teams,
        override ?? asThemeName(context.app.theme) ?? 'default',
        meetingId && chatId ? { meetingId, chatId } : undefined,
      );
    } catch {
      // Framed by something that is not Teams (or Teams did not answer): developer mode.
    }
  }
  return developerHost(override ?? 'default');
}

function teamsHost(
  teams: TeamsJs,
  theme: ThemeName,
  meeting: { meetingId: string; chatId: string } | undefined,
): Host {
  return {
    inTeams: true,
    theme,
    meeting,
    onThemeChange(handler) {
      teams.app.registerOnThemeChangeHandler((t) => handler(asThemeName(t) ?? 'default'));
    },
    token: () => teams.authentication.getAuthToken(),
    async shareToStage(url) {
      // Teams refuses to share for someone without the permission (e.g. an attendee): say so kindly.
      const allowed = await new Promise<boolean>((resolve) =>
        teams.meeting.getAppContentStageSharingCapabilities((err, caps) =>
          resolve(!err && caps?.doesAppHaveSharePermission === true),
        ),
      );
      if (!allowed)
        throw new Error(
          'Teams does not let you share to the stage in this meeting. Ask the organiser to share it.',
        );
      await new Promise<void>((resolve, reject) => {
        teams.meeting.shareAppContentToStage((err) => {
          if (err) reject(new Error('Teams could not share to the stage. Try again.'));
          else resolve();
        }, url);
      });
    },
    async saveTabConfig(contentUrl, name) {
      teams.pages.config.registerOnSaveHandler((event) => {
        teams.pages.config
          .setConfig({
            contentUrl,
            websiteUrl: contentUrl,
            entityId: 'conference',
            suggestedDisplayName: name,
          })
          .then(() => event.notifySuccess())
          .catch((e: unknown) => event.notifyFailure(String(e)));
      });
      teams.pages.config.setValidityState(true);
    },
  };
}

function developerHost(theme: ThemeName): Host {
  return {
    inTeams: false,
    theme,
    onThemeChange() {
      // Only Teams changes themes; in developer mode the ?theme= query chooses one.
    },
    token: async () => undefined,
    async shareToStage(url) {
      window.open(url, 'roundtable-stage', 'noopener');
    },
    async saveTabConfig(contentUrl) {
      location.assign(contentUrl);
    },
  };
}
