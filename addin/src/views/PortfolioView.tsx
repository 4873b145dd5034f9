import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PortfolioEntry } from '@qms/client';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useShared } from '../app/state.ts';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
      verticalAlign: 'top',
    },
    '& tbody tr': { borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  stack: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  org: {
    padding: 0,
    minWidth: 0,
    height: 'auto',
    justifyContent: 'flex-start',
    textAlign: 'left',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  // Dates break at their hyphens otherwise.
  nowrap: { whiteSpace: 'nowrap' },
});

const NOT_READY = /not ready/i;

/** For consultants: every client organisation with its latest readiness. */
export default function PortfolioView() {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const [entries, setEntries] = useState<PortfolioEntry[] | undefined>();
  const [status, setStatus] = useState<StatusMessage>();

  async function load() {
    try {
      setEntries(await services.api.portfolio());
      setStatus(undefined);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Loading the portfolio', error) });
    }
  }

  return (
    <div className={styles.root}>
      <Button appearance="primary" onClick={() => void load()}>
        {entries ? 'Refresh portfolio' : 'Load portfolio'}
      </Button>
      <Status status={status} />
      {entries?.length === 0 ? (
        <Text>No client organisations yet. Ask a client's owner to add you with the consultant role.</Text>
      ) : null}
      {entries?.length ? (
        <table className={styles.table} aria-label="Portfolio">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Readiness</th>
              <th scope="col">Next milestone</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.org}>
                <th scope="row">
                  <div className={styles.stack}>
                    <Button
                      appearance="transparent"
                      className={styles.org}
                      onClick={() => shared.setOrg(e.org)}
                      aria-label={`Use ${e.name ?? e.org}`}
                    >
                      {e.name ?? e.org}
                    </Button>
                    {e.verdict ? (
                      <Badge size="small" appearance="tint" color={NOT_READY.test(e.verdict) ? 'danger' : 'success'}>
                        {e.verdict}
                      </Badge>
                    ) : null}
                    {e.lastSync ? (
                      <Text size={200} className={styles.nowrap}>
                        synced {e.lastSync.slice(0, 10)}
                      </Text>
                    ) : null}
                  </div>
                </th>
                <td>
                  <Text weight="semibold">
                    {typeof e.readiness === 'number' ? `${e.readiness.toFixed(1)}%` : 'no sync yet'}
                  </Text>
                </td>
                <td>
                  {e.nextMilestone ? (
                    <div className={styles.stack}>
                      <Text>{e.nextMilestone.name}</Text>
                      <Text size={200} className={styles.nowrap}>
                        {e.nextMilestone.date}
                      </Text>
                    </div>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
