/**
 * The configurable tab's setup page: the chair chooses the conference this meeting is for, and Teams
 * saves the side panel's address with it (the stage is shared from the side panel).
 */
import { useEffect, useState } from 'react';
import { Button, Field, Select, Subtitle1, makeStyles } from '@fluentui/react-components';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import type { Overview } from '../types.js';

const useStyles = makeStyles({
  page: { padding: '16px 24px', display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '560px' },
});

export function Config() {
  const styles = useStyles();
  const { api, host } = useTab();
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    api.overview().then(setOverview, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  const contentUrl = `${location.origin}/tab/side-panel?conferenceId=${encodeURIComponent(chosen)}`;
  useEffect(() => {
    if (chosen && host.inTeams) void host.saveTabConfig(contentUrl, 'Conference');
  }, [chosen, contentUrl, host]);
  if (!overview)
    return (
      <main className={styles.page}>{error ? <ErrorBar error={error} /> : <Loading label="Loading" />}</main>
    );
  const mine = overview.conferences.filter(
    (c) => c.role === 'chair' || c.role === 'lead-social-worker' || c.role === 'minute-taker',
  );
  return (
    <main className={styles.page}>
      <Subtitle1 as="h1">Which conference is this meeting for?</Subtitle1>
      {mine.length === 0 ? (
        <p>
          You have no conferences to run. A conference appears here once you chair it or are its lead social
          worker.
        </p>
      ) : (
        <Field label="Conference" hint={host.inTeams ? 'Then choose Save.' : undefined}>
          <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
            <option value="">Choose a conference</option>
            {mine.map((c) => (
              <option key={c.id} value={c.id}>
                {c.kindLabel}, {c.scheduledStart ? formatDate(c.scheduledStart, true) : 'date not set'}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {!host.inTeams && (
        <Button
          appearance="primary"
          disabled={!chosen}
          onClick={() => void host.saveTabConfig(contentUrl, 'Conference')}
        >
          Open the side panel
        </Button>
      )}
    </main>
  );
}
