/** Attendance (ticked by the chair), live quorum, and targeted prompts to chosen people. */
import { useState } from 'react';
import { Button, Checkbox } from '@fluentui/react-components';
import type { ChairView, PromptKind, PromptNotSent } from '../types.js';
import { PERSON_ROLE_LABELS } from '../labels.js';
import { formatDate } from '../shell.js';
import type { Commands } from './commands.js';
import { QuorumBadge } from './QuorumBadge.js';
import { usePanelStyles } from './styles.js';
import { LiveCheckbox } from './Toggles.js';

/** Why a prompt was only recorded, in words the chair can act on. */
const NOT_SENT: Record<PromptNotSent, string> = {
  'no-meeting': 'this conference is not linked to its Teams meeting yet',
  'no-conversation': 'Roundtable has not been added to the meeting chat yet',
  'teams-refused': 'Teams did not accept it; check Roundtable is added to the meeting',
};

const time = (iso: string) => formatDate(iso, true).split(', ').pop() ?? iso;

export function People({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const nameOf = (id: string) => view.people.find((p) => p.id === id)?.name ?? 'someone no longer listed';
  const outcome = (p: ChairView['prompts'][number]) => {
    if (p.notSent) return `recorded, not sent: ${NOT_SENT[p.notSent]}.`;
    const missed = p.personIds.filter((id) => !p.delivered.includes(id));
    const reached = p.delivered.length
      ? `received by ${p.delivered.map(nameOf).join(', ')}`
      : 'reached nobody';
    return missed.length ? `${reached}; not reached: ${missed.map(nameOf).join(', ')}.` : `${reached}.`;
  };
  const send = async (kind: PromptKind) => {
    if (await commands.run({ type: 'prompt.send', kind, personIds: [...chosen] })) setChosen(new Set());
  };
  return (
    <div className={styles.stack}>
      <QuorumBadge quorum={view.quorum} />
      <ul className={styles.list} aria-label="Attendance">
        {view.people.map((p) => (
          <li key={p.id} className={styles.card}>
            <LiveCheckbox
              label={`${p.name} is here`}
              checked={p.present}
              onToggle={(present) => commands.run({ type: 'attendance.set', personId: p.id, present })}
            />
            <p className={styles.hint}>
              {PERSON_ROLE_LABELS[p.role]}
              {p.agency ? `, ${p.agency}` : ''}
              {p.arrivedAt ? ` · arrived ${time(p.arrivedAt)}` : ''}
              {p.leftAt ? ` · left ${time(p.leftAt)}` : ''}
            </p>
            {p.role !== 'chair' && (
              <Checkbox
                label={`Choose ${p.name} for a prompt`}
                checked={chosen.has(p.id)}
                onChange={(_, d) => {
                  const next = new Set(chosen);
                  if (d.checked) next.add(p.id);
                  else next.delete(p.id);
                  setChosen(next);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        <Button disabled={commands.busy || chosen.size === 0} onClick={() => void send('camera')}>
          Ask to turn cameras on
        </Button>
        <Button disabled={commands.busy || chosen.size === 0} onClick={() => void send('next-item')}>
          Tell them the next item
        </Button>
      </div>
      {chosen.size === 0 && <p className={styles.hint}>Choose people above to send them a prompt.</p>}
      <p className={styles.hint}>
        {view.meeting
          ? 'A prompt appears on each chosen person’s meeting screen. People without a Teams account cannot be reached.'
          : 'Prompts are recorded but not sent until this panel is opened in the conference’s Teams meeting.'}
      </p>
      {view.prompts.length > 0 && (
        <>
          <h3 className={styles.heading}>Prompts sent</h3>
          <ul className={styles.list} aria-label="Prompts sent">
            {[...view.prompts].reverse().map((p) => (
              <li key={p.sentAt + p.kind}>
                {p.kind === 'camera' ? 'Camera' : 'Next item'} prompt at {time(p.sentAt)}: {outcome(p)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
