import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Assessment } from '@qms/client';
import type { ReactNode } from 'react';
import type { Formats } from '../../app/format.ts';

const useStyles = makeStyles({
  list: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  // Label and figure side by side while they fit; in a narrow pane the figure drops under its label.
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  term: { flex: '1 1 9em', minWidth: 0 },
  figure: { margin: '0 0 0 auto', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  amount: { whiteSpace: 'nowrap' },
  range: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  total: {
    fontWeight: tokens.fontWeightSemibold,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXXS,
  },
});

function Row({ label, children, total }: { label: string; children: ReactNode; total?: boolean }) {
  const styles = useStyles();
  return (
    <div className={`${styles.row} ${total ? styles.total : ''}`}>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.figure}>{children}</dd>
    </div>
  );
}

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
        <Row key={label} label={label}>
          <span className={styles.amount}>{d(n)}</span>
        </Row>
      ))}
    </dl>
  );
}

/** The cost lines (likely, with low–high) and the 3-year total, in whole units of the profile's currency. */
export function Cost({ cost, format }: { cost: NonNullable<Assessment['cost']>; format: Formats }) {
  const styles = useStyles();
  const money = (n: number) => <span className={styles.amount}>{format.money(n, cost.currency)}</span>;
  const figure = (range: { low: number; likely: number; high: number } | null) =>
    range ? (
      <>
        {money(range.likely)}
        <span className={styles.range}>
          {money(range.low)} – {money(range.high)}
        </span>
      </>
    ) : (
      'not known'
    );
  return (
    <>
      <dl className={styles.list}>
        {cost.lines.map((line) => (
          <Row key={line.id} label={line.label}>
            {figure(line.amount.value)}
          </Row>
        ))}
        <Row label="3-year total" total>
          {figure(cost.threeYearTotal.value)}
        </Row>
      </dl>
      {cost.lines.some((l) => !l.amount.value) ? (
        <Text size={200}>A figure is not known until its rate is in the QMS Profile.</Text>
      ) : null}
    </>
  );
}
