/**
 * Server-sent events read through fetch, for when a bearer token must be sent (inside Teams:
 * EventSource cannot send an Authorization header). Reconnects after a pause with Last-Event-ID, as
 * EventSource would. Uses only what browsers and Node share (fetch, streams), so it is tested in Node
 * against the real service.
 */

export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/** Splits complete events off the front of `buffer`; returns them and what is left (an incomplete event). */
export function parseEventStream(buffer: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  let rest = normalised;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue; // a comment, e.g. the keep-alive
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ ...(id !== undefined ? { id } : {}), event, data: data.join('\n') });
  }
  return { events, rest };
}

export interface FollowOptions {
  /** Headers for each attempt (a fresh token each time). */
  headers: () => Promise<Record<string, string>>;
  /** The data of each `record` event. */
  deliver: (data: string) => void;
  onState: (connected: boolean) => void;
  retryMs?: number;
}

/** Follows `url` until the returned function is called. */
export function followWithFetch(url: string, opts: FollowOptions): () => void {
  const abort = new AbortController();
  let lastEventId: string | undefined;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const h: Record<string, string> = { ...(await opts.headers()), accept: 'text/event-stream' };
        if (lastEventId) h['last-event-id'] = lastEventId;
        const res = await fetch(url, { headers: h, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        opts.onState(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseEventStream(buffer + value);
          buffer = parsed.rest;
          for (const e of parsed.events) {
            if (e.id !== undefined) lastEventId = e.id;
            if (e.event === 'record') opts.deliver(e.data);
          }
        }
      } catch {
        // Dropped or refused: wait and reconnect.
      }
      if (abort.signal.aborted) return;
      opts.onState(false);
      await new Promise((r) => setTimeout(r, opts.retryMs ?? 2000));
    }
  };
  void run();
  return () => abort.abort();
}
