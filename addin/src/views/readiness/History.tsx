import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Formats } from '../../app/format.ts';
import type { HistoryPoint } from '../../readiness/history.ts';
import { GROUP_TARGET, historyLine } from '../../readiness/picture.ts';

const useStyles = makeStyles({
  chart: { width: '100%', height: '64px', display: 'block' },
  line: { stroke: tokens.colorBrandForeground1, fill: 'none' },
  target: { stroke: tokens.colorNeutralStroke1, strokeDasharray: '2 2' },
  frame: { stroke: tokens.colorNeutralStroke2, fill: 'none' },
  date: { whiteSpace: 'nowrap' },
});

/** Readiness over time (one point a day a sync or profile change was stored), with the 80 % line. */
export function History({ points, format }: { points: HistoryPoint[] | undefined; format: Formats }) {
  const styles = useStyles();
  if (points === undefined) return <Text>The server gave no history this time; refresh to try again.</Text>;
  if (points.length === 0) return <Text>No history yet: a point is kept for each day the workbook is synced.</Text>;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const date = (iso: string) => (
    <time dateTime={iso} className={styles.date}>
      {format.date(iso)}
    </time>
  );
  return (
    <>
      <svg className={styles.chart} viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
        <rect className={styles.frame} x="0" y="0" width="100" height="100" vectorEffect="non-scaling-stroke" />
        <line
          className={styles.target}
          x1="0"
          x2="100"
          y1={100 - GROUP_TARGET}
          y2={100 - GROUP_TARGET}
          vectorEffect="non-scaling-stroke"
        />
        <polyline
          className={styles.line}
          points={historyLine(points)}
          strokeWidth="2"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <Text size={200} block>
        {points.length === 1 ? (
          <>
            {format.percent(first.readiness)} on {date(first.date)}.
          </>
        ) : (
          <>
            From {format.percent(first.readiness)} on {date(first.date)} to {format.percent(last.readiness)} on{' '}
            {date(last.date)} ({format.number(points.length)} days with a sync).
          </>
        )}
      </Text>
    </>
  );
}
