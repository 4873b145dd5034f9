import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useFormats } from '../app/use-formats.ts';
import { useShared } from '../app/state.ts';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // A list, not a table: three columns do not fit a 320 px pane, let alone one at 200 % zoom.
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  entry: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  org: { minHeight: '32px', maxWidth: '100%', justifyContent: 'flex-start', textAlign: 'left', height: 'auto' },
  score: { fontVariantNumeric: 'tabular-nums' },
  line: { flexBasis: '100%', minWidth: 0 },
  // A date never breaks at its separators.
  nowrap: { whiteSpace: 'nowrap' },
});

const NOT_READY = /not ready/i;

/** For consultants: every client organisation with its latest readiness; choosing one makes it the pane's. */
export default function PortfolioView() {
  const services = useServices();
  const shared = useShared();
  const format = useFormats();
  const styles = useStyles();
  const entries = shared.portfolio;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage>();

  async function load() {
    setBusy(true);
    setStatus(undefined);
    try {
      shared.setPortfolio(await services.api.portfolio());
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Loading the portfolio', error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.root}>
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void load()}>
          {busy ? 'Loading…' : entries ? 'Refresh portfolio' : 'Load portfolio'}
        </Button>
      </div>
      <Status status={status} />
      {entries?.length === 0 ? (
        <Text>No client organisations yet. Ask a client's owner to add you with the consultant role.</Text>
      ) : null}
      {entries?.length ? (
        <ul className={styles.list} aria-label="Portfolio">
          {entries.map((e) => (
            <li key={e.org} className={styles.entry}>
              <Button
                className={styles.org}
                appearance={shared.org === e.org ? 'primary' : 'secondary'}
                onClick={() => shared.setOrg(e.org)}
                aria-label={`Use ${e.name ?? e.org}`}
                aria-pressed={shared.org === e.org}
              >
                {e.name ?? e.org}
              </Button>
              <Text weight="semibold" className={styles.score}>
                {typeof e.readiness === 'number' ? format.percent(e.readiness) : 'no sync yet'}
              </Text>
              {e.verdict ? (
                <Badge appearance="tint" color={NOT_READY.test(e.verdict) ? 'danger' : 'success'}>
                  {e.verdict}
                </Badge>
              ) : null}
              {e.nextMilestone ? (
                <Text size={200} className={styles.line}>
                  Next: {e.nextMilestone.name},{' '}
                  <time dateTime={e.nextMilestone.date} className={styles.nowrap}>
                    {format.date(e.nextMilestone.date)}
                  </time>
                </Text>
              ) : null}
              {e.lastSync ? (
                <Text size={200} className={styles.line}>
                  Synced{' '}
                  <time dateTime={e.lastSync} className={styles.nowrap}>
                    {format.date(e.lastSync.slice(0, 10))}
                  </time>
                </Text>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
