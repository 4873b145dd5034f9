import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PortfolioEntry } from '@qms/client';
import type { InvitationEntry } from '@qms/contract';
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
  // The confirm step sits under its row, across the whole width, so its words wrap instead of widening the pane.
  confirm: {
    flexBasis: '100%',
    minWidth: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
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
  // Invitations wait for the user's answer: they grant nothing until accepted, so they are listed apart.
  const [invitations, setInvitations] = useState<InvitationEntry[]>([]);
  const [answering, setAnswering] = useState<string | undefined>();
  // Leaving is asked about first (the org whose confirm step is open), then sent (the org being left).
  const [confirmLeave, setConfirmLeave] = useState<string | undefined>();
  const [leaving, setLeaving] = useState<string | undefined>();

  /** Loads the list; `done` is what to say once it is loaded (what the action before it achieved). */
  async function load(done?: StatusMessage) {
    setBusy(true);
    setStatus(undefined);
    try {
      const portfolio = await services.api.portfolioWithInvitations();
      shared.setPortfolio(portfolio.orgs);
      setInvitations(portfolio.invitations);
      setStatus(done);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Loading the portfolio', error) });
    } finally {
      setBusy(false);
    }
  }

  async function answer(invitation: InvitationEntry, accept: boolean) {
    setAnswering(invitation.org);
    setStatus(undefined);
    try {
      if (accept) await services.api.acceptInvitation(invitation.org);
      else await services.api.declineInvitation(invitation.org);
      await load({
        intent: 'success',
        text: accept
          ? `You joined "${invitation.name}" as ${invitation.role}.`
          : `You declined the invitation to "${invitation.name}".`,
      });
    } catch (error) {
      setStatus({
        intent: 'error',
        text: describeError(`${accept ? 'Accepting' : 'Declining'} the invitation to "${invitation.name}"`, error),
      });
    } finally {
      setAnswering(undefined);
    }
  }

  async function leave(entry: PortfolioEntry) {
    const name = entry.name ?? entry.org;
    setLeaving(entry.org);
    setStatus(undefined);
    try {
      await services.api.leaveOrg(entry.org);
      setConfirmLeave(undefined);
      // The pane must not keep syncing to, or reading readiness of, an organisation it can no longer open.
      if (shared.org === entry.org) shared.setOrg('');
      await load({
        intent: 'success',
        text: `You left "${name}". To come back, ask one of its owners to invite you again.`,
      });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Leaving "${name}"`, error) });
    } finally {
      setLeaving(undefined);
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
      {invitations.length ? (
        <ul className={styles.list} aria-label="Invitations">
          {invitations.map((i) => (
            <li key={i.org} className={styles.entry}>
              <Text weight="semibold">{i.name}</Text>
              <Badge appearance="outline">invitation</Badge>
              <Text size={200} className={styles.line}>
                {i.invitedBy} invites you as {i.role},{' '}
                <time dateTime={i.invitedAt} className={styles.nowrap}>
                  {format.date(i.invitedAt.slice(0, 10))}
                </time>
                . Nothing of it is shared with you until you accept.
              </Text>
              <Button
                className={styles.org}
                appearance="primary"
                disabled={answering !== undefined}
                onClick={() => void answer(i, true)}
              >
                {answering === i.org ? 'Answering…' : 'Accept'}
              </Button>
              <Button className={styles.org} disabled={answering !== undefined} onClick={() => void answer(i, false)}>
                Decline
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {entries?.length === 0 ? (
        <Text>
          No client organisations yet. A client's owner invites you with the consultant role; the invitation appears
          here for you to accept.
        </Text>
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
              {confirmLeave === e.org ? (
                <div role="group" aria-label={`Leave ${e.name ?? e.org}?`} className={styles.confirm}>
                  <Text className={styles.line}>
                    Leave "{e.name ?? e.org}"? You lose access to its records and readiness at once; only one of its
                    owners can invite you back.
                    {e.role === 'owner' ? ' If you are its only owner, make another member an owner first.' : ''}
                  </Text>
                  <Button appearance="primary" disabled={leaving !== undefined} onClick={() => void leave(e)}>
                    {leaving === e.org ? 'Leaving…' : 'Leave'}
                  </Button>
                  <Button disabled={leaving !== undefined} onClick={() => setConfirmLeave(undefined)}>
                    Cancel
                  </Button>
                </div>
              ) : (
                <Button
                  className={styles.org}
                  appearance="subtle"
                  disabled={leaving !== undefined || busy}
                  aria-label={`Leave ${e.name ?? e.org}`}
                  onClick={() => {
                    setStatus(undefined);
                    setConfirmLeave(e.org);
                  }}
                >
                  Leave…
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
