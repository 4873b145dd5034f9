import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Assessment } from '@qms/client';
import type { Formats } from '../../app/format.ts';
import { milestoneBands } from '../../readiness/picture.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  dates: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  // A date never breaks at its separators.
  date: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  track: {
    position: 'relative',
    height: '8px',
    backgroundColor: tokens.colorNeutralBackground4,
    borderRadius: tokens.borderRadiusSmall,
  },
  band: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    minWidth: '4px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground,
  },
  recorded: { backgroundColor: tokens.colorPaletteGreenBackground3 },
});

/** The milestones on one time line: each band runs from its P50 date to its P80 date. */
export function Milestones({ assessment, format }: { assessment: Assessment; format: Formats }) {
  const styles = useStyles();
  const bands = milestoneBands(assessment.timeline.milestones, assessment.asOf);
  const date = (iso: string) => (
    <time dateTime={iso} className={styles.date}>
      {format.date(iso)}
    </time>
  );
  return (
    <>
      <Text size={200} block>
        P50: as likely as not to be reached by then; P80: reached by then in 4 of 5 simulated plans.
      </Text>
      <ol className={styles.list}>
        {bands.map(({ milestone: m, from, to }) => (
          <li key={m.id}>
            <Text weight="semibold" block>
              {m.name}
              {m.source === 'records' ? ' (done, from the records)' : ''}
            </Text>
            <div className={styles.dates}>
              {m.p50.value === m.p80.value ? (
                <Text size={200}>{date(m.p50.value)}</Text>
              ) : (
                <>
                  <Text size={200}>P50 {date(m.p50.value)}</Text>
                  <Text size={200}>P80 {date(m.p80.value)}</Text>
                </>
              )}
            </div>
            <div className={styles.track} aria-hidden="true">
              <div
                className={`${styles.band} ${m.source === 'records' ? styles.recorded : ''}`}
                style={{ left: `${from * 100}%`, width: `${Math.max(0, to - from) * 100}%` }}
              />
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
