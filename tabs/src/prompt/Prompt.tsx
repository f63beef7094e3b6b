/**
 * The page a targeted meeting notification opens on a participant's meeting screen: one calm line.
 * It names nobody and shows no case data; a next-item prompt shows only the agenda item's title, read
 * from the stage view (what everyone in the meeting already sees), never from the page's address.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { conferenceIdFromUrl, useTab } from '../shell.js';

const useStyles = makeStyles({
  page: {
    padding: '24px',
    minHeight: '100vh',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: '8px',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** The current agenda item's title, or undefined while unknown (not signed in, offline, none started). */
function useCurrentItemTitle(conferenceId: string | undefined, wanted: boolean): string | undefined {
  const { api } = useTab();
  const [title, setTitle] = useState<string>();
  useEffect(() => {
    if (!wanted || !conferenceId) return;
    api.record(conferenceId, 'stage').then(
      (view) => setTitle(view.currentAgendaItem?.title),
      () => undefined,
    );
  }, [api, conferenceId, wanted]);
  return title;
}

export function Prompt() {
  const styles = useStyles();
  const kind = new URLSearchParams(location.search).get('kind');
  const title = useCurrentItemTitle(conferenceIdFromUrl(), kind === 'next-item');
  if (kind === 'camera')
    return (
      <main className={styles.page}>
        <h1 className={styles.title}>Please turn your camera on if you can</h1>
        <p className={styles.text}>
          It helps the family see who is speaking. If you cannot, that is fine: carry on as you are.
        </p>
      </main>
    );
  if (kind === 'next-item')
    return (
      <main className={styles.page}>
        <h1 className={styles.title} aria-live="polite">
          {title
            ? `The conference is moving on to: ${title}`
            : 'The conference is moving on to the next item'}
        </h1>
        <p className={styles.text}>You can close this note.</p>
      </main>
    );
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>This note is no longer available</h1>
      <p className={styles.text}>You can close it.</p>
    </main>
  );
}
