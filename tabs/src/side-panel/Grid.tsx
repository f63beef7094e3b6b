/**
 * The grid the chair fills as people speak: four columns, danger statements and safety goals. Each item
 * can be edited, agreed once its accuracy is agreed (seed 004), or removed; plain-language hints from
 * the service are shown under it.
 */
import { useState } from 'react';
import { Badge, Button, Field, Select, Textarea } from '@fluentui/react-components';
import type { ChairView, GridColumn, GridItem } from '../types.js';
import { COLUMN_LABELS, GRID_COLUMNS, STATEMENT_COLUMNS } from '../labels.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';
import { LiveSwitch } from './Toggles.js';

export function PlainLanguageHints({ hints }: { hints: { term: string; suggestion: string }[] }) {
  const styles = usePanelStyles();
  if (hints.length === 0) return null;
  return (
    <ul className={styles.hint} aria-label="Plain language">
      {hints.map((h) => (
        <li key={h.term}>
          Instead of “{h.term}”, try: {h.suggestion}
        </li>
      ))}
    </ul>
  );
}

function Item({ item, commands }: { item: GridItem; commands: Commands }) {
  const styles = usePanelStyles();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const save = async () => {
    if (await commands.run({ type: 'grid.edit', itemId: item.id, text: text.trim() }, { guarded: true }))
      setEditing(false);
  };
  return (
    <li className={styles.card} data-grid-item={item.id}>
      {editing ? (
        <Field label="Change the wording" validationMessage={commands.fieldErrors.text}>
          <Textarea value={text} maxLength={2000} onChange={(_, d) => setText(d.value)} />
        </Field>
      ) : (
        <p className={styles.userText}>{item.text}</p>
      )}
      <div className={styles.row}>
        {item.agreed ? (
          <Badge appearance="tint" color="success">
            Agreed
          </Badge>
        ) : (
          <Badge appearance="tint" color="informative">
            Not agreed yet
          </Badge>
        )}
        {item.restricted && (
          <Badge appearance="tint" color="warning">
            Restricted
          </Badge>
        )}
      </div>
      <PlainLanguageHints hints={item.plainLanguage} />
      <div className={styles.row}>
        {editing ? (
          <>
            <Button
              size="small"
              appearance="primary"
              disabled={commands.busy || !text.trim()}
              onClick={() => void save()}
            >
              Save
            </Button>
            <Button size="small" onClick={() => (setEditing(false), setText(item.text))}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button
              size="small"
              appearance={item.agreed ? 'secondary' : 'primary'}
              disabled={commands.busy}
              onClick={() => void commands.run({ type: 'grid.agree', itemId: item.id, agreed: !item.agreed })}
            >
              {item.agreed ? 'Mark not agreed' : 'Agree'}
            </Button>
            <Button
              size="small"
              disabled={commands.busy}
              onClick={() => (setText(item.text), setEditing(true))}
            >
              Edit
            </Button>
            <Button
              size="small"
              appearance="subtle"
              disabled={commands.busy}
              onClick={() => void commands.run({ type: 'grid.remove', itemId: item.id }, { guarded: true })}
            >
              Remove
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

export function Grid({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const [column, setColumn] = useState<GridColumn>('working-well');
  const [text, setText] = useState('');
  const add = async () => {
    if (await commands.run({ type: 'grid.add', column, text: text.trim() })) setText('');
  };
  return (
    <div className={styles.stack}>
      <Field label="Column">
        <Select value={column} onChange={(_, d) => setColumn(d.value as GridColumn)}>
          {[...GRID_COLUMNS, ...STATEMENT_COLUMNS].map((c) => (
            <option key={c} value={c}>
              {COLUMN_LABELS[c]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="What was said"
        validationMessage={commands.fieldErrors.text}
        hint="Plain words the family will understand."
      >
        <Textarea value={text} maxLength={2000} resize="vertical" onChange={(_, d) => setText(d.value)} />
      </Field>
      <Button appearance="primary" disabled={commands.busy || !text.trim()} onClick={() => void add()}>
        Add to the grid
      </Button>
      <LiveSwitch
        label="Show items not yet agreed on the stage"
        checked={view.stageShowsUnagreed}
        onToggle={(show) => commands.run({ type: 'stage.showUnagreed', show })}
      />
      {[...GRID_COLUMNS, ...STATEMENT_COLUMNS].map((c) => {
        const items = view.grid.filter((i) => i.column === c);
        return (
          <section key={c} aria-label={COLUMN_LABELS[c]}>
            <h3 className={styles.heading}>
              {COLUMN_LABELS[c]} ({items.length})
            </h3>
            <ul className={styles.list}>
              {items.map((i) => (
                <Item key={i.id} item={i} commands={commands} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
