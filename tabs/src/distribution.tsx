/**
 * The safety scaling distribution as a bar chart people can read without colour or a mouse: each bar
 * carries its number as text, and the whole chart is a list a screen reader reads score by score.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  chart: {
    display: 'grid',
    gridTemplateColumns: 'repeat(11, 1fr)',
    alignItems: 'end',
    gap: '4px',
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  column: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '2px' },
  count: { fontWeight: tokens.fontWeightSemibold },
  bar: {
    width: '100%',
    backgroundColor: tokens.colorBrandBackground,
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
  },
  score: { color: tokens.colorNeutralForeground2 },
  ends: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: '16px',
    marginTop: '4px',
    color: tokens.colorNeutralForeground2,
  },
});

export function Distribution({
  distribution,
  count,
  height = 120,
}: {
  distribution: number[];
  count: number;
  height?: number;
}) {
  const styles = useStyles();
  const max = Math.max(1, ...distribution);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        {count === 1 ? '1 person has given a score.' : `${count} people have given a score.`}
      </figcaption>
      <ul className={styles.chart} aria-label="Safety scores from 0 to 10">
        {distribution.map((n, score) => (
          <li
            key={score}
            className={styles.column}
            aria-label={`Score ${score}: ${n === 1 ? '1 person' : `${n} people`}`}
          >
            <span className={styles.count} aria-hidden="true">
              {n}
            </span>
            <span
              className={styles.bar}
              aria-hidden="true"
              style={{ height: Math.max(2, Math.round((n / max) * height)) }}
            />
            <span className={styles.score} aria-hidden="true">
              {score}
            </span>
          </li>
        ))}
      </ul>
      <div className={styles.ends} aria-hidden="true">
        <span>0: not safe at all</span>
        <span>10: totally safe</span>
      </div>
    </figure>
  );
}
