/**
 * The meeting stage: what everyone sees, the family included. Large and calm; readable across a room
 * or on a phone. It renders exactly the stage view the service sends and decides nothing about what
 * to hide: restricted and unagreed items never reach this page.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { Distribution } from '../distribution.js';
import { COLUMN_LABELS, GRID_COLUMNS, OUTCOME_LABELS, CATEGORY_LABELS } from '../labels.js';
import { ErrorBar, Loading, conferenceIdFromUrl, formatDate, useLiveRecord } from '../shell.js';
import type { GridColumn, StageView } from '../types.js';

const useStyles = makeStyles({
  page: {
    padding: 'clamp(12px, 3vw, 40px)',
    display: 'flex',
    flexDirection: 'column',
    gap: '24px',
    fontSize: 'clamp(16px, 1.6vw, 24px)',
    lineHeight: 1.45,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  title: { fontSize: '1.6em', margin: 0, fontWeight: tokens.fontWeightSemibold },
  now: { fontSize: '1.1em', margin: 0, color: tokens.colorNeutralForeground2 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 260px), 1fr))',
    gap: '16px',
  },
  column: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '16px',
  },
  heading: { fontSize: '1.15em', margin: '0 0 8px', fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: '8px' },
  userText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
  statements: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 360px), 1fr))',
    gap: '16px',
  },
});

function Column({ column, items }: { column: GridColumn; items: StageView['grid'] }) {
  const styles = useStyles();
  const mine = items.filter((i) => i.column === column);
  return (
    <section className={styles.column} aria-label={COLUMN_LABELS[column]} data-column={column}>
      <h2 className={styles.heading}>{COLUMN_LABELS[column]}</h2>
      {mine.length === 0 ? (
        <p className={styles.empty}>Nothing yet.</p>
      ) : (
        <ul className={styles.list}>
          {mine.map((i) => (
            <li key={i.id} className={styles.userText} data-stage-item={i.id}>
              {i.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StageBody({ view }: { view: StageView }) {
  const styles = useStyles();
  return (
    <>
      <header>
        <h1 className={styles.title}>
          {view.kindLabel}: {view.childFirstNames.join(' and ')}
        </h1>
        {view.currentAgendaItem && <p className={styles.now}>Now: {view.currentAgendaItem.title}</p>}
      </header>
      <div className={styles.grid}>
        {GRID_COLUMNS.map((c) => (
          <Column key={c} column={c} items={view.grid} />
        ))}
      </div>
      <div className={styles.statements}>
        <Column column="danger-statement" items={view.grid} />
        <Column column="safety-goal" items={view.grid} />
      </div>
      {view.scaling && (
        <section className={styles.column} aria-label="Safety scaling">
          <h2 className={styles.heading}>How safe is the child? Everyone’s scores, without names</h2>
          <Distribution distribution={view.scaling.distribution} count={view.scaling.count} />
        </section>
      )}
      <section className={styles.column} aria-label="The plan">
        <h2 className={styles.heading}>The plan</h2>
        {view.plan.actions.length === 0 ? (
          <p className={styles.empty}>The plan will appear here as it is agreed.</p>
        ) : (
          <ol className={styles.list}>
            {view.plan.actions.map((a) => (
              <li key={a.id} className={styles.userText}>
                <strong>{a.what}</strong> — {a.who}, by {formatDate(a.byWhen)}. We will know because:{' '}
                {a.howWeWillKnow}
              </li>
            ))}
          </ol>
        )}
        {view.plan.contingency && (
          <p className={styles.userText}>
            <strong>If the plan is not working: </strong>
            {view.plan.contingency}
          </p>
        )}
      </section>
      {view.decision && (
        <section className={styles.column} aria-label="The decision">
          <h2 className={styles.heading}>The decision</h2>
          <p style={{ margin: 0 }}>
            {OUTCOME_LABELS[view.decision.outcome]}
            {view.decision.category ? ` (${CATEGORY_LABELS[view.decision.category]})` : ''}
          </p>
        </section>
      )}
    </>
  );
}

export function Stage() {
  const styles = useStyles();
  const conferenceId = conferenceIdFromUrl();
  const record = useLiveRecord(conferenceId, 'stage');
  return (
    <main className={styles.page} aria-busy={!record.view && !record.error}>
      {record.view ? (
        <StageBody view={record.view} />
      ) : record.error ? (
        <ErrorBar error={record.error} />
      ) : (
        <Loading label="Loading" />
      )}
      <p className="visually-hidden" role="status">
        {record.view && !record.connected ? 'Reconnecting…' : ''}
      </p>
    </main>
  );
}
