import { Button, Field, Input, ProgressBar, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WorkbookInput } from '@qms/templates';
import { Fragment, useState } from 'react';
import type { SyncProgress, SyncTotals as SyncResult } from '@qms/client';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { judgeWorkbook } from '../packs/judge.ts';
import { useShared } from '../app/state.ts';
import { DevTokenProvider } from '../auth/token-provider.ts';
import { completeTypes } from '@qms/client';
import { describeRejected } from '../sync/rejected.ts';
import { useSyncQueue } from '../sync/useSyncQueue.ts';
import { RejectedRecords } from './RejectedRecords.tsx';
import { Status, type StatusMessage } from './Status.tsx';

/** Organisation ids the server accepts. */
const ORG_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  buttons: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    marginTop: `-${tokens.spacingVerticalXS}`,
  },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'max-content max-content',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    '& dd': { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  },
});

function ResultCounts({ result }: { result: SyncResult }) {
  const styles = useStyles();
  return (
    <section aria-label="Last sync result">
      <Text as="h2" size={300} weight="semibold">
        Last sync
      </Text>
      <dl className={styles.counts}>
        {(
          [
            ['Created', result.created],
            ['Updated', result.updated],
            ['Unchanged', result.unchanged],
            ['Deleted', result.deleted],
            ['Rejected', result.rejected.length],
          ] as const
        ).map(([label, count]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd aria-label={`${label}: ${count}`}>{count.toLocaleString()}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

const ADVANCED_KEY = 'qms.advancedSettings';

export default function SyncView() {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const queue = useSyncQueue(services.queue);
  const [token, setToken] = useState('');
  const [account, setAccount] = useState(() => services.auth.account());
  const [server, setServer] = useState(services.apiUrl);
  const [orgs, setOrgs] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Sign in, create organisation and list organisations each show that they are working.
  const [working, setWorking] = useState<'sign-in' | 'create' | 'list' | undefined>();
  // Developer settings (server address, dev sign-in token) are open from the start only in a development build;
  // once opened they stay open for the session (across tab switches and a change of server).
  const [advanced, setAdvancedState] = useState(
    () => services.dev === true || services.sessionStorage.getItem(ADVANCED_KEY) === 'open',
  );
  const setAdvanced = (open: boolean) => {
    services.sessionStorage.setItem(ADVANCED_KEY, open ? 'open' : 'closed');
    setAdvancedState(open);
  };
  const [status, setStatus] = useState<StatusMessage>();
  const [lastResult, setLastResult] = useState<SyncResult | undefined>();
  const [rejected, setRejected] = useState<SyncResult['rejected']>([]);
  // The workbook as last read for a sync: finds the column of a field the server names.
  const [syncedInput, setSyncedInput] = useState<WorkbookInput | undefined>();

  async function signIn() {
    setWorking('sign-in');
    try {
      const provider =
        services.auth.kind === 'dev' ? new DevTokenProvider(token, services.sessionStorage) : services.auth;
      await provider.signIn();
      services.setAuth(provider);
      setAccount(provider.account() ?? 'signed in');
      setToken('');
      setStatus({ intent: 'success', text: 'Signed in.' });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Signing in', error) });
    } finally {
      setWorking(undefined);
    }
  }

  async function signOut() {
    await services.auth.signOut();
    setAccount(undefined);
  }

  async function createOrg() {
    const id = shared.org.trim();
    setWorking('create');
    try {
      const org = await services.api.createOrg(id);
      setStatus({ intent: 'success', text: `Created organisation "${org.org}"; you are its owner.` });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Creating organisation "${id}"`, error) });
    } finally {
      setWorking(undefined);
    }
  }

  async function loadOrgs() {
    setWorking('list');
    try {
      const entries = await services.api.portfolio();
      setOrgs(entries.map((e) => e.org));
      if (entries.length === 0)
        setStatus({
          intent: 'info',
          text: 'You are not a member of any organisation yet; type a new id and create it on the server.',
        });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Listing organisations', error) });
    } finally {
      setWorking(undefined);
    }
  }

  async function sync() {
    const workbook = services.workbook;
    if (!workbook) return;
    if (!shared.org.trim()) {
      setStatus({ intent: 'error', text: 'Choose an organisation first (the Organisation field above).' });
      return;
    }
    setBusy(true);
    setStatus(undefined);
    setRejected([]);
    try {
      const { input } = await workbook.read();
      setSyncedInput(input);
      const { checked } = await judgeWorkbook(services, shared.org.trim(), input, shared.asOf);
      shared.setLastCheck(checked);
      if (checked.recognised.length === 0) {
        setStatus({
          intent: 'warning',
          text: 'Nothing to sync: no template sheets were found. Insert templates first.',
        });
        return;
      }
      const templates = Object.fromEntries(checked.templates.map((t) => [t.templateId, t.version]));
      const syncId = `sync-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      services.queue.enqueue(shared.org.trim(), {
        syncId,
        templates,
        records: checked.records,
        completeTypes: completeTypes(checked),
      });
      queue.refresh();
      const outcome = await queue.flush(true);
      if (outcome.status === 'synced') {
        setLastResult(outcome.result);
        const errors = checked.issues.filter((i) => i.severity === 'error').length;
        const what = outcome.result.alreadyCurrent
          ? `The organisation already holds these ${checked.records.length.toLocaleString()} records; nothing needed sending.`
          : `Synced ${checked.records.length.toLocaleString()} records (${outcome.result.uploaded.toLocaleString()} sent).`;
        // Rows left out are not a success: the user has work to do, and the status says which.
        setStatus({
          intent: errors ? 'warning' : 'success',
          text: `${what}${errors ? ` ${errors.toLocaleString()} row error${errors === 1 ? ' was' : 's were'} left out: those rows were not sent and their stored records were kept. Fix them on the Check tab and sync again.` : ''}`,
        });
      } else if (outcome.status === 'waiting') {
        setStatus({
          intent: 'warning',
          text: `Saved for later: ${outcome.error} It is retried automatically, nothing is lost.`,
        });
      } else if (outcome.status === 'failed') {
        setRejected(outcome.rejected);
        setStatus({
          intent: 'error',
          text: outcome.rejected.length
            ? `Sync refused: the server rejected ${outcome.rejected.length} record${outcome.rejected.length === 1 ? '' : 's'} and stored nothing. Fix the cells listed below and sync again.`
            : `Sync refused: ${outcome.error}`,
        });
      }
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Syncing', error) });
    } finally {
      setBusy(false);
    }
  }

  async function retry() {
    const outcome = await queue.flush(true);
    if (outcome.status === 'synced') {
      setLastResult(outcome.result);
      setStatus({ intent: 'success', text: 'The saved sync went through.' });
    } else if (outcome.status === 'waiting') {
      setStatus({ intent: 'warning', text: `Still waiting: ${outcome.error}` });
    } else if (outcome.status === 'failed') {
      setRejected(outcome.rejected);
      setStatus({ intent: 'error', text: `Sync refused: ${outcome.error}` });
    }
  }

  async function select(sheet: string, address: string) {
    try {
      await services.workbook?.select(sheet, address);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Going to ${sheet}!${address}`, error) });
    }
  }

  const progress = queue.progress;
  // A sync finished by the queue on its own (back online, back-off over) shows its counts too.
  const shown = queue.outcome?.status === 'synced' ? queue.outcome.result : lastResult;
  return (
    <div className={styles.root}>
      {account ? (
        <div className={styles.row}>
          <Text>Signed in as {account}.</Text>
          <Button size="small" onClick={() => void signOut()}>
            Sign out
          </Button>
        </div>
      ) : services.auth.kind === 'naa' ? (
        <Button appearance="primary" disabled={working === 'sign-in'} onClick={() => void signIn()}>
          {working === 'sign-in' ? 'Signing in…' : 'Sign in'}
        </Button>
      ) : null}
      <Button
        size="small"
        appearance="subtle"
        aria-expanded={advanced}
        aria-controls="qms-advanced"
        onClick={() => setAdvanced(!advanced)}
      >
        {advanced ? 'Hide advanced settings' : 'Advanced settings'}
      </Button>
      {advanced ? (
        <section id="qms-advanced" aria-label="Advanced settings" className={styles.root}>
          <Field label="Server" hint="The QMS Readiness API, e.g. http://localhost:7071/api">
            <Input
              value={server}
              onChange={(_, d) => setServer(d.value)}
              contentAfter={
                <Button
                  size="small"
                  appearance="transparent"
                  disabled={server === services.apiUrl}
                  onClick={() => {
                    const problem = services.setApiUrl(server.trim());
                    setStatus(
                      problem === undefined
                        ? { intent: 'success', text: `Using the server ${server.trim()}.` }
                        : { intent: 'error', text: `Not using ${server.trim()}: ${problem}.` },
                    );
                  }}
                >
                  Use server
                </Button>
              }
            />
          </Field>
          {!account && services.auth.kind !== 'naa' ? (
            <div className={styles.row}>
              <Field label="Dev sign-in token" hint="Printed by npm start">
                <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} />
              </Field>
              <Button disabled={token.trim() === '' || working === 'sign-in'} onClick={() => void signIn()}>
                {working === 'sign-in' ? 'Signing in…' : 'Sign in with token'}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
      <Field
        label="Organisation"
        validationMessage={
          shared.org === '' || ORG_ID.test(shared.org)
            ? undefined
            : 'Use lower-case letters, digits and dashes (at most 63)'
        }
      >
        <Input value={shared.org} onChange={(_, d) => shared.setOrg(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button size="small" disabled={!account || working === 'list'} onClick={() => void loadOrgs()}>
          {working === 'list' ? 'Loading…' : 'Load my organisations'}
        </Button>
        <Button
          size="small"
          disabled={!account || !ORG_ID.test(shared.org) || working === 'create'}
          onClick={() => void createOrg()}
        >
          {working === 'create' ? 'Creating…' : 'Create organisation'}
        </Button>
      </div>
      {orgs.length ? (
        <Field label="My organisations">
          <Select value={orgs.includes(shared.org) ? shared.org : ''} onChange={(_, d) => shared.setOrg(d.value)}>
            <option value="" disabled>
              Choose…
            </option>
            {orgs.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Button appearance="primary" disabled={busy || !account || !services.workbook} onClick={() => void sync()}>
        {busy ? 'Syncing…' : 'Sync workbook'}
      </Button>
      {progress ? (
        <Field label={progressLabel(progress.progress)}>
          <ProgressBar
            value={
              progress.progress.step === 'uploading' && progress.progress.toUpload > 0
                ? progress.progress.uploaded / progress.progress.toUpload
                : undefined
            }
          />
        </Field>
      ) : null}
      <Status status={status} />
      {queue.pending.length && !busy && progress === undefined ? (
        <section aria-label="Waiting syncs">
          <Text>
            {queue.pending.length} sync{queue.pending.length === 1 ? '' : 's'} waiting to be sent
            {queue.pending[0]?.lastError ? ` (last error: ${queue.pending[0].lastError})` : ''}.
          </Text>
          <Button size="small" onClick={() => void retry()}>
            Retry now
          </Button>
        </section>
      ) : null}
      <RejectedRecords
        entries={describeRejected(rejected, syncedInput)}
        intro="Refused records (choose a cell to go there):"
        onSelect={(sheet, address) => void select(sheet, address)}
      />
      {shown ? <ResultCounts result={shown} /> : null}
      {shown?.rejected.length ? (
        <RejectedRecords
          entries={describeRejected(shown.rejected, syncedInput)}
          intro="These records were not stored; the rest were:"
          onSelect={(sheet, address) => void select(sheet, address)}
        />
      ) : null}
    </div>
  );
}

/** What a sync is doing, in words: planning, which upload part with how many records, or committing. */
export function progressLabel(p: SyncProgress): string {
  const again = p.round > 1 ? ' (again: another sync finished first)' : '';
  if (p.step === 'planning') return `Comparing with the organisation's records${again}…`;
  if (p.step === 'committing') return `Saving the new snapshot${again}…`;
  return `Sending part ${p.part} of ${p.parts}: ${p.uploaded.toLocaleString()} of ${p.toUpload.toLocaleString()} records${again}`;
}
