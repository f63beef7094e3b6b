/**
 * The live record stream as the tab reads it inside Teams (fetch with headers, because EventSource
 * cannot send a token), run in Node against the real service with the developer cookie in place of the
 * token: each change arrives in order, and after a restart the reader reconnects with Last-Event-ID and
 * catches up on what changed while it was away.
 */
import { followWithFetch, parseEventStream } from '../../tabs/src/event-stream.js';
import { PEOPLE, recordCommand, startTabService } from '../helpers/tab.js';
import type { TabService } from '../helpers/tab.js';

interface StageView {
  version: number;
  grid: { text: string }[];
  plan: { contingency: string };
}

describe('reading the record stream through fetch (the tab inside Teams)', () => {
  test('parses events split across chunks, skips comments and joins multi-line data', () => {
    const first = parseEventStream(
      'retry: 2000\n\n: keep-alive\n\nid: 3\nevent: record\ndata: {"a":\ndata: 1}\n\nid: 4\nev',
    );
    expect(first.events).toEqual([{ id: '3', event: 'record', data: '{"a":\n1}' }]);
    const second = parseEventStream(`${first.rest}ent: record\r\ndata: {}\r\n\r\n`);
    expect(second).toEqual({ events: [{ id: '4', event: 'record', data: '{}' }], rest: '' });
  });

  describe('against the service', () => {
    let service: TabService;
    const views: StageView[] = [];
    const states: boolean[] = [];
    let stop: (() => void) | undefined;

    const waitFor = async (what: string, ok: () => boolean, ms = 20_000): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const last = () => views[views.length - 1];

    beforeAll(async () => {
      service = await startTabService();
    }, 90_000);

    afterAll(async () => {
      stop?.();
      await service?.stop();
    }, 30_000);

    test('each change arrives, in order, as the stage view', async () => {
      stop = followWithFetch(
        `${service.url}/api/conferences/${service.conferenceId}/record/stream?view=stage`,
        {
          // A fresh sign-in each attempt, as the tab asks Teams for a fresh token.
          headers: async () => ({ cookie: await service.cookieFor(PEOPLE.healthVisitor) }),
          deliver: (data) => views.push(JSON.parse(data) as StageView),
          onState: (connected) => states.push(connected),
          retryMs: 1000,
        },
      );
      await waitFor('the first view', () => views.length === 1);
      for (const n of [1, 2, 3])
        await recordCommand(service, PEOPLE.chair, { type: 'plan.contingency', text: `Contingency ${n}.` });
      await waitFor('three changes', () => last()?.plan.contingency === 'Contingency 3.');
      const versions = views.map((v) => v.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(views.map((v) => v.plan.contingency).slice(-3)).toEqual([
        'Contingency 1.',
        'Contingency 2.',
        'Contingency 3.',
      ]);
      expect(states).toEqual([true]);
    });

    test('after a restart it reconnects with Last-Event-ID and catches up on what changed meanwhile', async () => {
      const before = last()!.version;
      await service.restart();
      // Changed the moment the service is back, before the reader's next attempt.
      await recordCommand(service, PEOPLE.chair, { type: 'plan.contingency', text: 'Changed while away.' });
      await waitFor('the catch-up', () => last()?.plan.contingency === 'Changed while away.');
      expect(last()!.version).toBeGreaterThan(before);
      expect(states).toContain(false);
    }, 90_000);

    test('a reconnect with nothing new brings no repeat (it sent the version it had)', async () => {
      const count = views.length;
      const reconnects = states.filter(Boolean).length;
      await service.restart();
      await waitFor('the reconnect', () => states.filter(Boolean).length > reconnects);
      await new Promise((r) => setTimeout(r, 500));
      expect(views).toHaveLength(count);
      await recordCommand(service, PEOPLE.chair, {
        type: 'plan.contingency',
        text: 'After the second restart.',
      });
      await waitFor('the next change', () => last()?.plan.contingency === 'After the second restart.');
      expect(views).toHaveLength(count + 1);
    }, 90_000);
  });
});
