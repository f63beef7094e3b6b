/**
 * The chair's side panel in the meeting (320 px wide in Teams): one accordion section per part of the
 * conference, in the order it happens. Anyone else who opens it may give their own safety score.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Subtitle2,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { ErrorBar, Loading, conferenceIdFromUrl, errorMessage, useLiveRecord, useTab } from '../shell.js';
import type { ChairView } from '../types.js';
import { Agenda } from './Agenda.js';
import { Before } from './Before.js';
import { useCommands } from './commands.js';
import { Decision } from './Decision.js';
import { Grid } from './Grid.js';
import { People } from './People.js';
import { QuorumBadge } from './QuorumBadge.js';
import { Restricted, RestrictedBanner } from './Restricted.js';
import { Plan } from './Plan.js';
import { GiveScore, Scaling } from './Scaling.js';
import { usePanelStyles } from './styles.js';

export function stageUrl(conferenceId: string): string {
  return `${location.origin}/tab/stage?conferenceId=${encodeURIComponent(conferenceId)}`;
}

function ShareToStage({ conferenceId }: { conferenceId: string }) {
  const { host } = useTab();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        appearance="primary"
        onClick={() =>
          host.shareToStage(stageUrl(conferenceId)).then(
            () => setError(undefined),
            (e: unknown) => setError(e instanceof Error ? e.message : errorMessage(e)),
          )
        }
      >
        Share to stage
      </Button>
      <ErrorBar error={error} />
    </>
  );
}

/** A participant who is not one of the chair's roles: their own score, nothing else. */
function ParticipantPanel({ conferenceId }: { conferenceId: string }) {
  const styles = usePanelStyles();
  const commands = useCommands(
    conferenceId,
    undefined,
    () => undefined,
    async () => undefined,
  );
  const [given, setGiven] = useState(false);
  return (
    <main className={styles.page}>
      <Subtitle2 as="h1">Safety scaling</Subtitle2>
      <p>Your score is private: the chair sees it, and the stage shows only how many gave each score.</p>
      <ErrorBar error={commands.error} />
      <GiveScore
        commands={{
          ...commands,
          run: async (c) => {
            const ok = await commands.run(c);
            setGiven(ok);
            return ok;
          },
        }}
      />
      {given && <p role="status">Thank you: your score has been given.</p>}
    </main>
  );
}

const SECTIONS: {
  id: string;
  title: string;
  render: (v: ChairView, c: ReturnType<typeof useCommands>) => ReactNode;
}[] = [
  { id: 'before', title: 'Before', render: (v, c) => <Before view={v} commands={c} /> },
  { id: 'agenda', title: 'Agenda', render: (v, c) => <Agenda view={v} commands={c} /> },
  { id: 'people', title: 'People', render: (v, c) => <People view={v} commands={c} /> },
  { id: 'restricted', title: 'Restricted part', render: (v, c) => <Restricted view={v} commands={c} /> },
  { id: 'grid', title: 'Grid', render: (v, c) => <Grid view={v} commands={c} /> },
  { id: 'scaling', title: 'Scaling', render: (v, c) => <Scaling view={v} commands={c} /> },
  { id: 'plan', title: 'Plan', render: (v, c) => <Plan view={v} commands={c} /> },
  { id: 'decision', title: 'Decision', render: (v, c) => <Decision view={v} commands={c} /> },
];

/**
 * Inside a Teams meeting, links the conference to it once (when the record has no link or another
 * one), so prompts can reach the meeting. Only whoever runs the record may; for anyone else reading
 * the chair's view the refusal is expected and not shown: the People section says prompts are not sent.
 */
function useMeetingLink(conferenceId: string, view: ChairView | undefined, accept: (v: ChairView) => void) {
  const { host, api } = useTab();
  const tried = useRef<string | undefined>(undefined);
  const here = host.meeting;
  const linked = view?.meeting;
  const needed = !!view && !!here && (linked?.meetingId !== here.meetingId || linked.chatId !== here.chatId);
  useEffect(() => {
    if (!needed || !here || tried.current === here.meetingId) return;
    tried.current = here.meetingId;
    api.command(conferenceId, { type: 'meeting.link', ...here }).then(
      (res) => {
        if ('people' in res.view) accept(res.view);
      },
      () => undefined,
    );
  }, [needed, here, api, conferenceId, accept]);
}

function ChairPanel({ conferenceId }: { conferenceId: string }) {
  const styles = usePanelStyles();
  const record = useLiveRecord(conferenceId, 'chair');
  const commands = useCommands(conferenceId, record.view, record.accept, record.reload);
  useMeetingLink(conferenceId, record.view, record.accept);
  // A participant who is not one of the chair's roles may still give their own score here.
  if (record.errorCode === 'NOT_ALLOWED_FOR_ROLE') return <ParticipantPanel conferenceId={conferenceId} />;
  const view = record.view;
  if (!view)
    return (
      <main className={styles.page}>
        {record.error ? <ErrorBar error={record.error} /> : <Loading label="Loading the conference" />}
      </main>
    );
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Subtitle2 as="h1">
          {view.kindLabel}: {view.childFirstNames.join(', ')}
        </Subtitle2>
        <Caption1 role="status">{record.connected ? 'Live' : 'Reconnecting…'}</Caption1>
        <QuorumBadge quorum={view.quorum} />
        <RestrictedBanner view={view} />
        <ShareToStage conferenceId={conferenceId} />
      </header>
      <ErrorBar error={commands.error} />
      <Accordion multiple collapsible defaultOpenItems={['agenda']}>
        {SECTIONS.map((s) => (
          <AccordionItem key={s.id} value={s.id}>
            <AccordionHeader as="h2">{s.title}</AccordionHeader>
            <AccordionPanel>{s.render(view, commands)}</AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </main>
  );
}

export function SidePanel() {
  const conferenceId = conferenceIdFromUrl();
  if (!conferenceId)
    return (
      <main>
        <ErrorBar error="This panel does not know which conference to show. Open it from the conference meeting." />
      </main>
    );
  return <ChairPanel conferenceId={conferenceId} />;
}
