import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  ring: { width: '96px', height: '96px', flexShrink: 0 },
  track: { stroke: tokens.colorNeutralStroke2 },
  good: { stroke: tokens.colorPaletteGreenForeground1 },
  low: { stroke: tokens.colorPaletteMarigoldForeground1 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '18px', fontWeight: tokens.fontWeightSemibold },
});

const R = 40;
const CIRCUMFERENCE = 2 * Math.PI * R;

/** The overall score as a ring: plain SVG, the figure in its middle, the words for screen readers. */
export function ScoreRing({ value, label }: { value: number; label: string }) {
  const styles = useStyles();
  const share = Math.max(0, Math.min(100, value)) / 100;
  return (
    <svg className={styles.ring} viewBox="0 0 100 100" role="img" aria-label={`Overall readiness ${label}`}>
      <circle className={styles.track} cx="50" cy="50" r={R} fill="none" strokeWidth="10" />
      {share > 0 ? (
        <circle
          className={value >= 80 ? styles.good : styles.low}
          cx="50"
          cy="50"
          r={R}
          fill="none"
          strokeWidth="10"
          strokeLinecap="round"
          strokeDasharray={`${CIRCUMFERENCE * share} ${CIRCUMFERENCE}`}
          transform="rotate(-90 50 50)"
        />
      ) : null}
      <text className={styles.label} x="50" y="50" textAnchor="middle" dominantBaseline="central">
        {label}
      </text>
    </svg>
  );
}
