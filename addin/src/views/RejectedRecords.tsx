import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RejectedEntry } from '../sync/rejected.ts';

/** Records listed before "and N more": a sync of thousands of bad rows must not make the pane sluggish. */
const SHOWN = 50;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  // Ids and messages may hold long unbroken runs (a mistyped key); they wrap rather than widen the pane.
  record: {
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    paddingLeft: tokens.spacingHorizontalS,
    overflowWrap: 'anywhere',
  },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  cell: { minWidth: 'auto', padding: 0, height: 'auto', verticalAlign: 'baseline', textDecorationLine: 'underline' },
});

/** What the server refused: each record with its issues, and a link to the cell where the issue names one. */
export function RejectedRecords({
  entries,
  intro,
  onSelect,
}: {
  entries: readonly RejectedEntry[];
  intro: string;
  onSelect: (sheet: string, address: string) => void;
}) {
  const styles = useStyles();
  if (entries.length === 0) return null;
  return (
    <section className={styles.root} aria-label="Rejected records">
      <Text>{intro}</Text>
      <ul className={styles.list}>
        {entries.slice(0, SHOWN).map((entry) => (
          <li key={entry.key} className={styles.record}>
            <Text weight="semibold">{entry.title}</Text>
            <ul className={styles.issues}>
              {entry.issues.map((issue, i) => (
                <li key={i}>
                  {issue.place ? (
                    <>
                      <Button
                        appearance="transparent"
                        className={styles.cell}
                        onClick={() => issue.place && onSelect(issue.place.sheet, issue.place.address)}
                      >
                        {issue.place.label}
                      </Button>
                      {': '}
                    </>
                  ) : null}
                  <Text>{issue.message}</Text>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {entries.length > SHOWN ? <Text>… and {entries.length - SHOWN} more records.</Text> : null}
    </section>
  );
}
