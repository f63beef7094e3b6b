/** The fixed outline agenda: the current item, the chair's prompts for it, and how long it has run. */
import { useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ChairView } from '../types.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';

function elapsed(since: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

function Timer({ since }: { since: string }) {
  const styles = usePanelStyles();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const text = elapsed(since, now);
  // The visible timer ticks; screen readers get it on request, not every second.
  return (
    <p className={styles.timer}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{`Running for ${text.replace(':', ' minutes ')} seconds`}</span>
    </p>
  );
}

export function Agenda({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const index = view.agenda.findIndex((i) => i.id === view.currentAgendaItemId);
  const current = index >= 0 ? view.agenda[index] : undefined;
  const previous = index > 0 ? view.agenda[index - 1] : undefined;
  const next = index >= 0 ? view.agenda[index + 1] : view.agenda[0];
  const start = (itemId: string) => void commands.run({ type: 'agenda.start', itemId });
  return (
    <div className={styles.stack}>
      {index <= 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            Keep your camera on for the whole conference, so the family can see you.
          </MessageBarBody>
        </MessageBar>
      )}
      {current ? (
        <section aria-label="Current agenda item" className={styles.card}>
          <h3 className={styles.heading}>
            Now: {index + 1}. {current.title}
          </h3>
          {current.startedAt && <Timer since={current.startedAt} />}
          <ul>
            {current.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p>The conference has not started yet.</p>
      )}
      <div className={styles.row}>
        {previous && (
          <Button disabled={commands.busy} onClick={() => start(previous.id)}>
            Previous item
          </Button>
        )}
        {next && (
          <Button appearance="primary" disabled={commands.busy} onClick={() => start(next.id)}>
            {current ? `Next: ${next.title}` : `Start: ${next.title}`}
          </Button>
        )}
      </div>
      <ol aria-label="Agenda">
        {view.agenda.map((item) => (
          <li key={item.id} aria-current={item.id === view.currentAgendaItemId ? 'step' : undefined}>
            {item.id === view.currentAgendaItemId ? <strong>{item.title} (now)</strong> : item.title}
            {item.endedAt ? ' · done' : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
