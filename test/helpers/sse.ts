/** Reads a server-sent event stream over fetch, event by event, for tests. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** The next event, or fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Comments seen so far (e.g. keep-alive). */
  comments: string[];
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const queue: SseEvent[] = [];
  const waiters: ((e: SseEvent) => void)[] = [];
  const comments: string[] = [];
  let buffer = '';
  const push = (e: SseEvent) => {
    const w = waiters.shift();
    if (w) w(e);
    else queue.push(e);
  };
  if (res.body && res.headers.get('content-type')?.startsWith('text/event-stream'))
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: SseEvent = { data: '' };
            let hasData = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('id: ')) event.id = line.slice(4);
              else if (line.startsWith('event: ')) event.event = line.slice(7);
              else if (line.startsWith('data: ')) {
                event.data += line.slice(6);
                hasData = true;
              }
            }
            if (hasData) push(event);
          }
        }
      } catch {
        // aborted
      }
    })();
  return {
    status: res.status,
    headers: res.headers,
    comments,
    next: (timeoutMs = 3000) =>
      new Promise<SseEvent>((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => {
          const i = waiters.indexOf(done);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no event within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (e: SseEvent) => {
          clearTimeout(timer);
          resolve(e);
        };
        waiters.push(done);
      }),
    close: () => controller.abort(),
  };
}
