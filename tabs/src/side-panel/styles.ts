/** The side panel's few layout rules: it lives in a 320 px wide column in Teams. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const usePanelStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '8px', maxWidth: '100%' },
  header: { display: 'flex', flexDirection: 'column', gap: '4px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  stack: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  userText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 0' },
  timer: {
    fontVariantNumeric: 'tabular-nums',
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
});
