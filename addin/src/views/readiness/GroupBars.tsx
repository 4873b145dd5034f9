import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Assessment } from '@qms/client';
import type { Formats } from '../../app/format.ts';
import { GROUP_TARGET } from '../../readiness/picture.ts';
import { GROUP_NAMES } from '../../readiness/summary-model.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  head: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { minWidth: 0 },
  value: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  track: {
    position: 'relative',
    height: '10px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground4,
    marginTop: tokens.spacingVerticalXXS,
  },
  bar: { position: 'absolute', left: 0, top: 0, bottom: 0, borderRadius: tokens.borderRadiusMedium },
  met: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  short: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  target: {
    position: 'absolute',
    top: '-3px',
    bottom: '-3px',
    width: '2px',
    backgroundColor: tokens.colorNeutralForeground1,
  },
});

/** Each clause group's score as a bar, with the 80 % line every group must reach. */
export function GroupBars({ groups, format }: { groups: Assessment['readiness']['groups']; format: Formats }) {
  const styles = useStyles();
  return (
    <>
      <Text size={200}>The line marks {format.percent(GROUP_TARGET, 0)}, the score every clause group needs.</Text>
      <ul className={styles.list}>
        {groups.map((g) => {
          const value = g.score.value;
          return (
            <li
              key={g.group}
              aria-label={`${g.group} ${GROUP_NAMES[g.group] ?? ''}: ${value === null ? 'not applicable' : format.percent(value)}`}
            >
              <div className={styles.head}>
                <Text className={styles.name}>
                  {g.group} {GROUP_NAMES[g.group]}
                </Text>
                <Text className={styles.value} weight="semibold">
                  {value === null ? 'n/a' : format.percent(value)}
                </Text>
              </div>
              <div className={styles.track} aria-hidden="true">
                {value === null ? null : (
                  <div
                    className={`${styles.bar} ${value >= GROUP_TARGET ? styles.met : styles.short}`}
                    style={{ width: `${Math.max(0, Math.min(100, value))}%` }}
                  />
                )}
                <div className={styles.target} style={{ left: `${GROUP_TARGET}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
