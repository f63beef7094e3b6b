/** Before the conference: the pre-meeting checklist with the parents (seed 003 §1.2) and readiness. */
import { useState } from 'react';
import { Button, Field, Textarea } from '@fluentui/react-components';
import type { ChairView } from '../types.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';
import { LiveCheckbox } from './Toggles.js';

function ChecklistItem({ item, commands }: { item: ChairView['checklist'][number]; commands: Commands }) {
  const styles = usePanelStyles();
  const [note, setNote] = useState(item.note);
  const changed = note.trim() !== item.note;
  return (
    <li className={styles.card}>
      <LiveCheckbox
        label={item.label}
        checked={item.done}
        onToggle={(done) => commands.run({ type: 'checklist.set', itemId: item.id, done, note: note.trim() })}
      />
      <Field label={`Note: ${item.label}`} hint="Up to 1,000 characters">
        <Textarea value={note} maxLength={1000} resize="vertical" onChange={(_, d) => setNote(d.value)} />
      </Field>
      {changed && (
        <Button
          size="small"
          disabled={commands.busy}
          onClick={() =>
            void commands.run({ type: 'checklist.set', itemId: item.id, done: item.done, note: note.trim() })
          }
        >
          Save note
        </Button>
      )}
    </li>
  );
}

export function Before({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const r = view.readiness;
  return (
    <div className={styles.stack}>
      <h3 className={styles.heading}>Readiness</h3>
      <ul className={styles.list} aria-label="Readiness">
        <li>
          {r.answered} of {r.invited} invited have answered
        </li>
        <li>
          {r.reportsIn} of {r.reportsExpected} reports in; {r.reportsRead} read by you
        </li>
        <li>{r.reportsSharedWithFamily} reports shared with the family</li>
        <li>{view.quorum.sentence}</li>
      </ul>
      <h3 className={styles.heading}>Meeting the parents beforehand</h3>
      <ul className={styles.list} aria-label="Checklist with the parents">
        {view.checklist.map((item) => (
          <ChecklistItem key={item.id} item={item} commands={commands} />
        ))}
      </ul>
    </div>
  );
}
