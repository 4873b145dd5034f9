import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Assessment } from '@qms/client';
import { gateChecklist, verdictBasis } from '../../readiness/picture.ts';

const useStyles = makeStyles({
  group: { margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}` },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'grid', gridTemplateColumns: '1.5em minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXS },
  mark: { fontWeight: tokens.fontWeightBold, textAlign: 'center' },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
});

/** The gates as a checklist, grouped by the verdict that needs them, with the verdict's basis in one line. */
export function GateChecklist({ gates, verdict }: { gates: Assessment['gates']; verdict: string }) {
  const styles = useStyles();
  const items = gateChecklist(gates);
  const part = (stage: 'Stage 1' | 'Stage 2') => (
    <>
      <Text as="h3" size={300} weight="semibold" block className={styles.group}>
        {stage === 'Stage 1' ? 'Needed for Stage 1' : 'Needed as well for Stage 2'}
      </Text>
      <ul className={styles.list}>
        {items
          .filter((i) => i.neededFor === stage)
          .map(({ gate }) => (
            <li key={gate.id} className={styles.item}>
              <span className={`${styles.mark} ${gate.passed ? styles.pass : styles.fail}`} aria-hidden="true">
                {gate.passed ? '✓' : '✗'}
              </span>
              <Text>
                <Text weight="semibold">
                  {gate.id} {gate.name}
                </Text>{' '}
                ({gate.passed ? 'passed' : 'failed'}): {gate.reason}
              </Text>
            </li>
          ))}
      </ul>
    </>
  );
  return (
    <>
      <Text block>{verdictBasis(gates, verdict)}</Text>
      {part('Stage 1')}
      {part('Stage 2')}
    </>
  );
}
