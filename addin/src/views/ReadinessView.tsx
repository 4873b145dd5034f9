import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Assessment } from '@qms/client';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useShared } from '../app/state.ts';
import type { ExistingSummary } from '../office/types.ts';
import { GROUP_NAMES, SUMMARY_SHEET, summarySheet, type SummaryChoice } from '../readiness/summary-model.ts';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': { textAlign: 'left', padding: '2px 4px', verticalAlign: 'top' },
    '& th[scope="row"]': { fontWeight: tokens.fontWeightRegular },
  },
  // Browsers indent lists by 40 px; in a ~400 px pane that is a tenth of the width for nothing.
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  gates: {
    listStyleType: 'none',
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  gate: {
    display: 'grid',
    gridTemplateColumns: '3.5em 1fr',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
  },
});

const money = (n: number, currency: string) => `${Math.round(n).toLocaleString()} ${currency}`;

export default function ReadinessView() {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const [assessment, setAssessment] = useState<Assessment | undefined>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage>();
  // Set while the pane asks what to do with an existing summary sheet.
  const [existing, setExisting] = useState<ExistingSummary>();

  async function load() {
    if (!shared.org) {
      setStatus({ intent: 'error', text: 'Choose an organisation on the Sync tab first.' });
      return;
    }
    setBusy(true);
    setStatus(undefined);
    try {
      setAssessment(await services.api.assessment(shared.org, shared.asOf));
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Loading readiness', error) });
    } finally {
      setBusy(false);
    }
  }

  async function writeSheet(choice?: SummaryChoice) {
    if (!assessment || !services.workbook) return;
    setExisting(undefined);
    try {
      if (!choice) {
        const found = await services.workbook.inspectSummary(SUMMARY_SHEET);
        if (found.protected) {
          setStatus({
            intent: 'error',
            text: `This workbook's structure is protected, so the "${SUMMARY_SHEET}" sheet cannot be written. In Excel choose Review › Protect Workbook to turn protection off, then write the summary again.`,
          });
          return;
        }
        if (found.exists) {
          setExisting(found);
          return;
        }
      }
      const name = choice?.name ?? SUMMARY_SHEET;
      // The pane is an edge: it reads the clock here, so the sheet model stays pure.
      await services.workbook.writeSummary(
        summarySheet(assessment, new Date().toISOString(), services.brand, choice ?? {}),
      );
      setStatus({ intent: 'success', text: `Wrote the "${name}" sheet.` });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Writing the summary sheet', error) });
    }
  }

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void load()}>
          {busy ? 'Loading…' : assessment ? 'Refresh readiness' : 'Load readiness'}
        </Button>
        <Button disabled={!assessment || !services.workbook} onClick={() => void writeSheet()}>
          Write summary sheet
        </Button>
      </div>
      {existing ? (
        <section aria-label="Replace the summary sheet?" className={styles.root}>
          <Text>
            {`The workbook already has a "${SUMMARY_SHEET}" sheet. `}
            {existing.hasNotes
              ? 'Replacing it keeps what stands below its Notes row.'
              : 'It has no Notes row, so anything written on it would be lost if you replace it.'}
          </Text>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void writeSheet({ replace: true })}>
              Replace it
            </Button>
            <Button onClick={() => void writeSheet({ name: existing.freeName })}>Write as "{existing.freeName}"</Button>
            <Button appearance="subtle" onClick={() => setExisting(undefined)}>
              Cancel
            </Button>
          </div>
        </section>
      ) : null}
      <Status status={status} />
      {assessment ? (
        <>
          <section aria-label="Score">
            <Text as="h2" size={600} weight="semibold">
              {assessment.readiness.overall.value.toFixed(1)}%
            </Text>
            <div className={styles.row}>
              <Badge appearance="filled" color={assessment.verdict.value === 'Not ready' ? 'danger' : 'success'}>
                {assessment.verdict.value}
              </Badge>
              <Text size={200}>as of {assessment.asOf}</Text>
            </div>
          </section>
          <section aria-label="Clause groups">
            <Text as="h2" size={400} weight="semibold">
              Clause groups
            </Text>
            <table className={styles.table}>
              <tbody>
                {assessment.readiness.groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row">
                      {g.group} {GROUP_NAMES[g.group]}
                    </th>
                    <td>{g.score.value === null ? 'not applicable' : `${g.score.value}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-label="Gates">
            <Text as="h2" size={400} weight="semibold">
              Gates
            </Text>
            <ul className={styles.gates}>
              {assessment.gates.map((g) => (
                <li key={g.id} className={styles.gate}>
                  <Badge size="small" appearance="tint" color={g.passed ? 'success' : 'danger'}>
                    {g.passed ? 'Passed' : 'Failed'}
                  </Badge>
                  <Text>
                    <Text weight="semibold">
                      {g.id} {g.name}
                    </Text>
                    : {g.reason}
                  </Text>
                </li>
              ))}
            </ul>
          </section>
          {assessment.blockers.length ? (
            <section aria-label="Blockers">
              <Text as="h2" size={400} weight="semibold">
                Blockers (most points first)
              </Text>
              <ol className={styles.list}>
                {assessment.blockers.map((b) => (
                  <li key={`${b.kind}-${b.ref}`}>
                    {b.title} (+{b.points.value} points): {b.fix}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <section aria-label="Milestones">
            <Text as="h2" size={400} weight="semibold">
              Milestones
            </Text>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">P50</th>
                  <th scope="col">P80</th>
                </tr>
              </thead>
              <tbody>
                {assessment.timeline.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{m.p50.value}</td>
                    <td>{m.p80.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {assessment.cost ? (
            <section aria-label="Cost">
              <Text as="h2" size={400} weight="semibold">
                Cost (indicative, not a quote)
              </Text>
              <ul className={styles.list}>
                {assessment.cost.lines.map((line) => (
                  <li key={line.id}>
                    {line.label}:{' '}
                    {line.amount.value
                      ? `${money(line.amount.value.likely, assessment.cost!.currency)} (${money(line.amount.value.low, assessment.cost!.currency)}–${money(line.amount.value.high, assessment.cost!.currency)})`
                      : 'not known — enter the rate in the QMS Profile'}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <Text>Readiness comes from the server after a sync: score, gates, blockers, milestones and cost.</Text>
      )}
    </div>
  );
}
