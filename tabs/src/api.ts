/**
 * The service's tab API (the tab contract): JSON requests with the Teams token or the developer
 * sign-in cookie, errors as ApiError with the service's kind message, and the live record stream.
 */
import type {
  AfterOverview,
  ApiErrorBody,
  ChairView,
  Command,
  CoreGroupHeld,
  CoreGroupMeeting,
  CoreGroupView,
  LetterPreview,
  Me,
  MinutesPreview,
  Overview,
  OversightReport,
  PlanEndReason,
  StageView,
} from './types.js';
import type { Host } from './teams.js';
import { followWithFetch } from './event-stream.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ViewName = 'chair' | 'stage';

/** Developer mode: an unsigned visitor goes to the local sign-in page and comes back here. */
export function goToDevSignIn(): void {
  location.assign(`/dev/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
}

const conferencePath = (id: string): string => `/api/conferences/${encodeURIComponent(id)}`;
const coreGroupMeetingPath = (id: string, meetingId: string, verb: string): string =>
  `${conferencePath(id)}/core-group/meetings/${encodeURIComponent(meetingId)}/${verb}`;

export class Api {
  constructor(private readonly host: Host) {}

  private async headers(json: boolean): Promise<Record<string, string>> {
    const h: Record<string, string> = { accept: 'application/json' };
    if (json) h['content-type'] = 'application/json';
    const token = await this.host.token();
    if (token) h.authorization = `Bearer ${token}`;
    return h;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    return (await res.json().catch(() => undefined)) as T;
  }

  /** A plain-text answer (a report for the papers), fetched with the same sign-in as the JSON. */
  async text(path: string): Promise<string> {
    return (await this.send('GET', path, undefined, 'text/plain')).text();
  }

  /** Sends a request; a refusal becomes an ApiError with the service's message. */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    accept = 'application/json',
  ): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { ...(await this.headers(body !== undefined)), accept },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(
        0,
        'OFFLINE',
        'Roundtable could not be reached. Check your connection and try again.',
      );
    }
    if (!res.ok) {
      const data: unknown = await res.json().catch(() => undefined);
      const err = (data as ApiErrorBody | undefined)?.error;
      if (res.status === 401 && !this.host.inTeams) goToDevSignIn();
      throw new ApiError(
        res.status,
        err?.code ?? 'HTTP_' + res.status,
        err?.message ?? `Roundtable answered ${res.status}. Try again.`,
        err?.details,
      );
    }
    return res;
  }

  me(): Promise<Me> {
    return this.request('GET', '/api/me');
  }

  overview(): Promise<Overview> {
    return this.request('GET', '/api/me/overview');
  }

  record<V extends ViewName>(
    conferenceId: string,
    view: V,
  ): Promise<V extends 'chair' ? ChairView : StageView> {
    return this.request('GET', `/api/conferences/${encodeURIComponent(conferenceId)}/record?view=${view}`);
  }

  command(
    conferenceId: string,
    command: Command,
    expectedVersion?: number,
  ): Promise<{ version: number; view: ChairView | StageView }> {
    return this.request('POST', `/api/conferences/${encodeURIComponent(conferenceId)}/record/commands`, {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      command,
    });
  }

  /** After the conference: the overview, the letter and minutes drafts, and the chair's approvals. */
  after(conferenceId: string): Promise<AfterOverview> {
    return this.request('GET', `${conferencePath(conferenceId)}/after`);
  }

  letter(conferenceId: string): Promise<LetterPreview> {
    return this.request('GET', `${conferencePath(conferenceId)}/letter`);
  }

  approveLetter(
    conferenceId: string,
    withheld: { personId: string; reason: string }[],
  ): Promise<AfterOverview> {
    return this.request('POST', `${conferencePath(conferenceId)}/letter/approve`, { withheld });
  }

  minutes(conferenceId: string): Promise<MinutesPreview> {
    return this.request('GET', `${conferencePath(conferenceId)}/minutes`);
  }

  approveMinutes(conferenceId: string, confirmedItemIds: string[]): Promise<AfterOverview> {
    return this.request('POST', `${conferencePath(conferenceId)}/minutes/approve`, { confirmedItemIds });
  }

  taskDone(conferenceId: string, taskId: string, note: string): Promise<AfterOverview> {
    return this.request('POST', `${conferencePath(conferenceId)}/tasks/${encodeURIComponent(taskId)}/done`, {
      note,
    });
  }

  endPlan(
    conferenceId: string,
    body: { reason: PlanEndReason; endedOn: string; note: string },
  ): Promise<AfterOverview> {
    return this.request('POST', `${conferencePath(conferenceId)}/plan-end`, body);
  }

  requestReview(conferenceId: string): Promise<{ id: string; reference: string }> {
    return this.request('POST', `${conferencePath(conferenceId)}/review`, {});
  }

  /** The core group: members, meetings (answers counted), progress on the plan, and arranging meetings. */
  coreGroup(conferenceId: string): Promise<CoreGroupView> {
    return this.request('GET', `${conferencePath(conferenceId)}/core-group`);
  }

  offerCoreGroupTimes(conferenceId: string): Promise<CoreGroupMeeting> {
    return this.request('POST', `${conferencePath(conferenceId)}/core-group/meetings`, {});
  }

  fixCoreGroupTime(conferenceId: string, meetingId: string, start: string): Promise<CoreGroupMeeting> {
    return this.request('POST', coreGroupMeetingPath(conferenceId, meetingId, 'schedule'), { start });
  }

  markCoreGroupHeld(conferenceId: string, meetingId: string): Promise<CoreGroupHeld> {
    return this.request('POST', coreGroupMeetingPath(conferenceId, meetingId, 'held'), {});
  }

  cancelCoreGroupMeeting(conferenceId: string, meetingId: string, reason: string): Promise<CoreGroupMeeting> {
    return this.request('POST', coreGroupMeetingPath(conferenceId, meetingId, 'cancel'), { reason });
  }

  coreGroupReportText(conferenceId: string): Promise<string> {
    return this.text(`${conferencePath(conferenceId)}/core-group/report?format=text`);
  }

  oversight(from: string, to: string): Promise<OversightReport> {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    return this.request('GET', `/api/oversight?${q.toString()}`);
  }

  /**
   * Follows the record live. With the cookie (developer mode) this is a plain EventSource, which
   * reconnects by itself and sends Last-Event-ID; with a Teams token (EventSource cannot send headers)
   * it reads the same stream through fetch and reconnects the same way. Returns a stop function.
   */
  follow<V extends ViewName>(
    conferenceId: string,
    view: V,
    onView: (v: V extends 'chair' ? ChairView : StageView) => void,
    onState: (connected: boolean) => void,
  ): () => void {
    const url = `/api/conferences/${encodeURIComponent(conferenceId)}/record/stream?view=${view}`;
    const deliver = (data: string): void => {
      try {
        onView(JSON.parse(data) as V extends 'chair' ? ChairView : StageView);
      } catch {
        // A malformed event is skipped; the next one carries the whole view again.
      }
    };
    if (!this.host.inTeams) return followWithEventSource(url, deliver, onState);
    return followWithFetch(url, { headers: () => this.headers(false), deliver, onState });
  }
}

/**
 * EventSource retries a dropped connection by itself (sending Last-Event-ID), but gives up for good on
 * an HTTP error, such as the 503 of a service that is restarting; then we open a new one after a pause.
 * The service sends the current view on every connect, so nothing is missed either way.
 */
function followWithEventSource(
  url: string,
  deliver: (data: string) => void,
  onState: (connected: boolean) => void,
): () => void {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = (): void => {
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('record', (e) => deliver((e as MessageEvent<string>).data));
    source.onopen = () => onState(true);
    source.onerror = () => {
      onState(false);
      if (source?.readyState === EventSource.CLOSED && !stopped) timer = setTimeout(open, 3000);
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
