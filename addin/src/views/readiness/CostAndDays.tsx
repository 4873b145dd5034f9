import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Assessment } from '@qms/client';
import type { Formats } from '../../app/format.ts';

const useStyles = makeStyles({
  list: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  term: { minWidth: 0 },
  figure: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  range: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  total: {
    fontWeight: tokens.fontWeightSemibold,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXXS,
  },
});

/** Certification-body audit days (Stage 1, Stage 2, each surveillance, recertification). */
export function AuditDays({ days, format }: { days: NonNullable<Assessment['auditDays']>; format: Formats }) {
  const styles = useStyles();
  const d = (n: number) => `${format.number(n, 1)} ${n === 1 ? 'day' : 'days'}`;
  const rows: [string, number][] = [
    ['Stage 1', days.stage1.value],
    ['Stage 2', days.stage2.value],
    ['Surveillance, each year', days.surveillance.value],
    ['Recertification, year 3', days.recertification.value],
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([label, n]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.figure}>{d(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The cost lines (likely, with low–high) and the 3-year total, in whole units of the profile's currency. */
export function Cost({ cost, format }: { cost: NonNullable<Assessment['cost']>; format: Formats }) {
  const styles = useStyles();
  const money = (n: number) => format.money(n, cost.currency);
  const total = cost.threeYearTotal.value;
  return (
    <dl className={styles.list}>
      {cost.lines.map((line) => (
        <div key={line.id} style={{ display: 'contents' }}>
          <dt className={styles.term}>{line.label}</dt>
          <dd className={styles.figure}>
            {line.amount.value ? (
              <>
                {money(line.amount.value.likely)}
                <span className={styles.range}>
                  {money(line.amount.value.low)} – {money(line.amount.value.high)}
                </span>
              </>
            ) : (
              'not known'
            )}
          </dd>
        </div>
      ))}
      <div style={{ display: 'contents' }}>
        <dt className={`${styles.term} ${styles.total}`}>3-year total</dt>
        <dd className={`${styles.figure} ${styles.total}`}>
          {total ? (
            <>
              {money(total.likely)}
              <span className={styles.range}>
                {money(total.low)} – {money(total.high)}
              </span>
            </>
          ) : (
            'not known'
          )}
        </dd>
      </div>
      {cost.lines.some((l) => !l.amount.value) ? (
        <Text size={200} style={{ gridColumn: '1 / -1' }}>
          A figure is not known until its rate is in the QMS Profile.
        </Text>
      ) : null}
    </dl>
  );
}
