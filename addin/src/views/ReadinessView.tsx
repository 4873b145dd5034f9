import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useFormats } from '../app/use-formats.ts';
import { useShared } from '../app/state.ts';
import type { ExistingSummary } from '../office/types.ts';
import { loadHistory } from '../readiness/history.ts';
import { blockerList } from '../readiness/picture.ts';
import { SUMMARY_SHEET, summarySheet, type SummaryChoice } from '../readiness/summary-model.ts';
import { AuditDays, Cost } from './readiness/CostAndDays.tsx';
import { GateChecklist } from './readiness/GateChecklist.tsx';
import { GroupBars } from './readiness/GroupBars.tsx';
import { History } from './readiness/History.tsx';
import { Milestones } from './readiness/Milestones.tsx';
import { ScoreRing } from './readiness/ScoreRing.tsx';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  score: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  scoreText: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  nowrap: { whiteSpace: 'nowrap' },
});

function Section({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section aria-label={label} className={styles.section}>
      <Text as="h2" size={400} weight="semibold">
        {label}
      </Text>
      {children}
    </section>
  );
}

export default function ReadinessView() {
  const services = useServices();
  const shared = useShared();
  const format = useFormats();
  const styles = useStyles();
  // The last readiness is kept above the view (and for the session), so a tab switch or a reload shows it again.
  const kept = shared.assessment?.org === shared.org ? shared.assessment : undefined;
  const assessment = kept?.assessment;
  const [busy, setBusy] = useState<'load' | 'write' | undefined>();
  const [allBlockers, setAllBlockers] = useState(false);
  const [status, setStatus] = useState<StatusMessage>();
  // Set while the pane asks what to do with an existing summary sheet.
  const [existing, setExisting] = useState<ExistingSummary>();

  async function load() {
    if (!shared.org) {
      setStatus({ intent: 'error', text: 'Choose an organisation on the Sync tab first.' });
      return;
    }
    const org = shared.org;
    setBusy('load');
    setStatus(undefined);
    try {
      // The history is a picture beside the figures: without it the view still shows them.
      const [next, history] = await Promise.all([
        services.api.assessment(org, shared.asOf),
        loadHistory(services, org).catch(() => undefined),
      ]);
      shared.setAssessment({ org, asOf: shared.asOf, assessment: next, history });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Loading readiness', error) });
    } finally {
      setBusy(undefined);
    }
  }

  async function writeSheet(choice?: SummaryChoice) {
    if (!assessment || !services.workbook) return;
    setExisting(undefined);
    setBusy('write');
    setStatus(undefined);
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
    } finally {
      setBusy(undefined);
    }
  }

  const blockers = assessment ? blockerList(assessment.blockers) : undefined;
  const shownBlockers = blockers ? (allBlockers ? [...blockers.top, ...blockers.rest] : blockers.top) : [];
  const verdict = assessment?.verdict.value;
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy !== undefined} onClick={() => void load()}>
          {busy === 'load' ? 'Loading…' : assessment ? 'Refresh readiness' : 'Load readiness'}
        </Button>
        <Button disabled={!assessment || !services.workbook || busy !== undefined} onClick={() => void writeSheet()}>
          {busy === 'write' ? 'Writing…' : 'Write summary sheet'}
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
      {assessment && blockers && verdict ? (
        <>
          <section aria-label="Score" className={styles.score}>
            <ScoreRing
              value={assessment.readiness.overall.value}
              label={format.percent(assessment.readiness.overall.value)}
            />
            <div className={styles.scoreText}>
              <Badge size="large" appearance="filled" color={verdict === 'Not ready' ? 'danger' : 'success'}>
                {verdict}
              </Badge>
              <Text size={200}>
                {kept.org}, as of{' '}
                <time dateTime={assessment.asOf} className={styles.nowrap}>
                  {format.date(assessment.asOf)}
                </time>
              </Text>
            </div>
          </section>
          <Section label="Gates">
            <GateChecklist gates={assessment.gates} verdict={verdict} />
          </Section>
          <Section label="Clause groups">
            <GroupBars groups={assessment.readiness.groups} format={format} />
          </Section>
          {blockers.top.length ? (
            <Section label="Blockers">
              <Text size={200}>What would add the most readiness points, most first.</Text>
              <ol className={styles.list}>
                {shownBlockers.map((b) => (
                  <li key={`${b.kind}-${b.ref}`}>
                    <Text weight="semibold">{b.title}</Text> (+{format.number(b.points.value, 1)} points): {b.fix}
                  </li>
                ))}
              </ol>
              {blockers.rest.length ? (
                <div>
                  <Button
                    appearance="secondary"
                    onClick={() => setAllBlockers(!allBlockers)}
                    aria-expanded={allBlockers}
                  >
                    {allBlockers ? 'Show the top five only' : `Show ${blockers.rest.length} more`}
                  </Button>
                </div>
              ) : null}
            </Section>
          ) : null}
          <Section label="Milestones">
            <Milestones assessment={assessment} format={format} />
          </Section>
          <Section label="Readiness over time">
            <History points={kept.history} format={format} />
          </Section>
          {assessment.auditDays ? (
            <Section label="Audit days">
              <AuditDays days={assessment.auditDays} format={format} />
            </Section>
          ) : null}
          {assessment.cost ? (
            <Section label="Cost (indicative, not a quote)">
              <Cost cost={assessment.cost} format={format} />
            </Section>
          ) : null}
        </>
      ) : (
        <Text>Readiness comes from the server after a sync: score, gates, blockers, milestones and cost.</Text>
      )}
    </div>
  );
}
