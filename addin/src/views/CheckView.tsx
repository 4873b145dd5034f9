import { Button, Field, Input, Text, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  planSheetUpgrade,
  templateVersionNotes,
  type Issue,
  type TemplateVersionNote,
  type WorkbookInput,
  type WorkbookResult,
} from '@qms/templates';
import { Suspense, lazy, useMemo, useState } from 'react';
import { describeError } from '../app/describe-error.ts';
import type { Formats } from '../app/format.ts';
import { useServices } from '../app/services.ts';
import { useFormats } from '../app/use-formats.ts';
import { useShared } from '../app/state.ts';
import { judgeWorkbook } from '../packs/judge.ts';
import { loadPackTools, type PackOffer } from '../packs/org-pack.ts';
import { PackNotes } from './PackNotes.tsx';
import { Status, type StatusMessage } from './Status.tsx';
import { VersionNotes } from './VersionNotes.tsx';
import { issuesInOrder, type IssueFilter } from './issue-order.ts';

// Its own chunk: only users with sheets of their own layout open it.
const MapView = lazy(() => import('./MapView.tsx'));

type Filter = IssueFilter;

/** Issues listed per sheet before a "Show all" button: thousands of buttons would make the pane sluggish. */
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;
const PER_SHEET = 100;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  issue: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    height: 'auto',
    width: '100%',
    minHeight: '32px',
    fontWeight: tokens.fontWeightRegular,
  },
  error: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `3px solid ${tokens.colorPaletteYellowBorder2}` },
});

/** "1 error", "1,234 errors" (the number in Office's display language; the words stay English). */
const counter =
  (format: Formats) =>
  (n: number, noun: string): string =>
    `${format.number(n)} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Sheets the user may map: those the check says no template reads (it says so only of sheets with something on
 * them), those missing a required column, and those mapped already.
 */
function mappableSheets(result: WorkbookResult): { sheet: string; label: string }[] {
  const out = new Map<string, string>();
  for (const r of result.recognised) if (r.by === 'mapping') out.set(r.sheet, 'Edit mapping');
  for (const i of result.issues)
    if (i.code === 'sheet.missing-column' && !out.has(i.sheet)) out.set(i.sheet, 'Map columns');
  for (const i of result.issues) if (i.code === 'sheet.not-recognised') out.set(i.sheet, 'Map columns');
  return [...out.entries()].map(([sheet, label]) => ({ sheet, label }));
}

function groupBySheet(issues: readonly Issue[]): [string, Issue[]][] {
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) groups.set(issue.sheet, [...(groups.get(issue.sheet) ?? []), issue]);
  return [...groups.entries()];
}

export default function CheckView() {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const count = counter(useFormats());
  const [filter, setFilter] = useState<Filter>('all');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage>();
  const [painting, setPainting] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [upgrading, setUpgrading] = useState<string | undefined>();
  const [mapping, setMapping] = useState<string | undefined>();
  // The pack the workbook came from (its qms.pack marker) and a later version to upgrade to, as of the last check.
  const [packUpgrading, setPackUpgrading] = useState(false);
  const result = shared.lastCheck;
  const workbook = services.workbook;

  const counts = useMemo(() => {
    const issues = result?.issues ?? [];
    return {
      error: issues.filter((i) => i.severity === 'error').length,
      warning: issues.filter((i) => i.severity === 'warning').length,
      info: issues.filter((i) => i.severity === 'info').length,
    };
  }, [result]);
  const shown = useMemo(() => issuesInOrder(result?.issues ?? [], filter), [result, filter]);

  /**
   * Checks what the workbook holds now. A workbook from a pack is checked with its own version's extra columns
   * (fetched from the server); without them, with the product's templates alone and a note saying so.
   */
  async function readAndJudge(): Promise<{ input: WorkbookInput; checked: WorkbookResult }> {
    if (!workbook) throw new Error('The pane has no workbook to read');
    const { input } = await workbook.read();
    const { checked, pack } = await judgeWorkbook(services, shared.org, input, shared.asOf);
    shared.setLastCheck(checked);
    shared.setVersionNotes(templateVersionNotes(input));
    shared.setWorkbookPack(pack);
    return { input, checked };
  }

  async function check(after?: string) {
    if (!workbook) return;
    setBusy(true);
    setStatus(undefined);
    try {
      const { checked } = await readAndJudge();
      if (after !== undefined) {
        const records = checked.records.filter((r) => r.source.sheet === after).length;
        const errors = checked.issues.filter((i) => i.sheet === after && i.severity === 'error').length;
        setStatus({
          intent: errors === 0 ? 'success' : 'warning',
          text: `Saved the mapping of ${after}: it now reads as ${records} record${records === 1 ? '' : 's'} with ${errors} error${errors === 1 ? '' : 's'}.`,
        });
      } else if (checked.recognised.length === 0) {
        setStatus({
          intent: 'warning',
          text: 'No template sheets were found. Insert templates on the Templates tab, or check that your header row matches a template.',
        });
      }
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Reading the workbook', error) });
    } finally {
      setBusy(false);
    }
  }

  async function upgrade(note: TemplateVersionNote) {
    if (!workbook) return;
    setUpgrading(note.sheet);
    setStatus(undefined);
    try {
      // Plan from what the sheet holds now, not from the last check: the user may have typed since.
      const { input } = await workbook.read();
      const sheet = input.sheets.find((s) => s.name === note.sheet);
      const plan = sheet
        ? planSheetUpgrade(sheet, note.templateId, note.specSheet, note.version)
        : `${note.sheet}: the sheet is gone; run Check again`;
      if (typeof plan === 'string') {
        setStatus({ intent: 'error', text: `Upgrading ${note.sheet} failed: ${plan}.` });
        return;
      }
      const templates = { ...(input.templates ?? {}), [plan.templateId]: plan.to };
      const done = await workbook.upgradeSheet(plan, templates);
      await readAndJudge();
      const table = done.table
        ? `; table ${done.table} now covers the new column${plan.added.length === 1 ? '' : 's'}`
        : '';
      setStatus({
        intent: 'success',
        text: `Upgraded ${plan.sheet} to ${plan.templateId}@${plan.to}: all ${plan.dataRows} rows kept, ${done.cells} cell${done.cells === 1 ? '' : 's'} written${table}.${plan.notes.length ? ` ${plan.notes.join('. ')}.` : ''}`,
      });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Upgrading ${note.sheet}`, error) });
    } finally {
      setUpgrading(undefined);
    }
  }

  /**
   * Upgrades every sheet of the pack to the offered version through the product's upgrade path (one sheet per
   * batch; the last one also stamps `qms.pack`), planned again from what the sheets hold now, then checks again.
   */
  async function upgradePack(offer: PackOffer) {
    if (!workbook) return;
    const name = `${offer.to.id} v${offer.to.version}`;
    setPackUpgrading(true);
    setStatus(undefined);
    let upgraded: string[] = [];
    try {
      const { input } = await workbook.read();
      const { plan } = (await loadPackTools()).packUpgradeOffer(input, offer.from, offer.to);
      if (plan.problems.length > 0 || plan.sheets.length === 0) {
        const why = plan.problems.length > 0 ? plan.problems.join('; ') : 'no sheet of the pack was found';
        setStatus({ intent: 'error', text: `Upgrading to ${name} was not started: ${why}. Nothing was changed.` });
        return;
      }
      let cells = 0;
      for (const [i, sheet] of plan.sheets.entries()) {
        const last = i === plan.sheets.length - 1;
        // One sheet at a time, as "Upgrade sheet" does: each write is its own batch, in order.
        cells += (await workbook.upgradeSheet(sheet, plan.templates, last ? plan.pack : undefined)).cells;
        upgraded = [...upgraded, sheet.sheet];
      }
      await readAndJudge();
      const rows = plan.sheets.reduce((n, sheet) => n + sheet.dataRows, 0);
      const notes = plan.sheets.flatMap((sheet) => sheet.notes);
      setStatus({
        intent: 'success',
        text: `Upgraded to ${name}: ${upgraded.join(', ')}; all ${rows} rows kept, ${cells} cell${cells === 1 ? '' : 's'} written.${notes.length ? ` ${notes.join('. ')}.` : ''}`,
      });
    } catch (error) {
      const partly =
        upgraded.length > 0
          ? ` ${upgraded.join(', ')} ${upgraded.length === 1 ? 'was' : 'were'} upgraded before it stopped; the workbook still says v${offer.from.version}.`
          : '';
      setStatus({ intent: 'error', text: `${describeError(`Upgrading to ${name}`, error)}.${partly}` });
    } finally {
      setPackUpgrading(false);
    }
  }

  async function go(issue: Issue) {
    try {
      await workbook?.select(issue.sheet, issue.address);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Going to ${issue.cell}`, error) });
    }
  }

  async function highlight() {
    setPainting(true);
    try {
      await workbook!.highlight(shown);
      shared.setHighlighted(await workbook!.highlightCount());
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Highlighting', error) });
    } finally {
      setPainting(false);
    }
  }

  async function clear() {
    setPainting(true);
    try {
      const restored = await workbook!.clearHighlights();
      shared.setHighlighted(0);
      setStatus({
        intent: 'info',
        text: `Removed the highlight from ${restored} cell${restored === 1 ? '' : 's'}; cells you recoloured since were left alone.`,
      });
    } catch (error) {
      setStatus({ intent: 'error', text: describeError('Clearing highlights', error) });
    } finally {
      setPainting(false);
    }
  }

  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(shared.asOf);
  if (mapping !== undefined)
    return (
      <Suspense fallback={<Text>Loading…</Text>}>
        <MapView
          sheetName={mapping}
          onClose={(saved) => {
            setMapping(undefined);
            if (saved) void check(mapping);
          }}
        />
      </Suspense>
    );
  const toMap = result ? mappableSheets(result) : [];
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Field label="Judge as of" validationMessage={validDate ? undefined : 'Enter a date as YYYY-MM-DD'}>
          <Input type="date" value={shared.asOf} onChange={(_, d) => shared.setAsOf(d.value)} />
        </Field>
        <Button appearance="primary" disabled={busy || packUpgrading || !validDate} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check workbook'}
        </Button>
      </div>
      <Status status={status} />
      <PackNotes
        pack={shared.workbookPack}
        busy={packUpgrading}
        otherWork={upgrading !== undefined}
        onUpgrade={(offer) => void upgradePack(offer)}
      />
      {/* While the pack upgrade runs, the sheets' own upgrades wait too ('' names no sheet: disabled, not "Upgrading…"). */}
      <VersionNotes
        notes={shared.versionNotes}
        busy={upgrading ?? (packUpgrading ? '' : undefined)}
        onUpgrade={(note) => void upgrade(note)}
      />
      {result ? (
        <>
          <Text role="status" aria-label="Check summary">
            {count(counts.error, 'error')}, {count(counts.warning, 'warning')}, {count(result.records.length, 'record')}{' '}
            from {count(result.recognised.length, 'template sheet')}
            {result.unrecognised.length ? ` (other sheets ignored: ${result.unrecognised.join(', ')})` : ''}.
          </Text>
          {toMap.length > 0 ? (
            <div className={styles.row} role="group" aria-label="Sheets to map">
              {toMap.map((m) => (
                <Button key={m.sheet} size="small" onClick={() => setMapping(m.sheet)}>
                  {m.label}: {m.sheet}
                </Button>
              ))}
            </div>
          ) : null}
          <div className={styles.row} role="group" aria-label="Show issues">
            <ToggleButton checked={filter === 'all'} onClick={() => setFilter('all')}>
              All ({counts.error + counts.warning + counts.info})
            </ToggleButton>
            <ToggleButton checked={filter === 'error'} onClick={() => setFilter('error')}>
              Errors ({counts.error})
            </ToggleButton>
            <ToggleButton checked={filter === 'warning'} onClick={() => setFilter('warning')}>
              Warnings ({counts.warning})
            </ToggleButton>
            {counts.info > 0 ? (
              <ToggleButton checked={filter === 'info'} onClick={() => setFilter('info')}>
                Notes ({counts.info})
              </ToggleButton>
            ) : null}
          </div>
          <div className={styles.row}>
            <Button disabled={painting || shown.length === 0} onClick={() => void highlight()}>
              Highlight issue cells
            </Button>
            <Button disabled={painting || shared.highlighted === 0} onClick={() => void clear()}>
              Clear highlights
            </Button>
          </div>
          {groupBySheet(shown).map(([sheet, issues]) => (
            <section key={sheet} aria-label={`Issues in ${sheet}`}>
              <Text as="h2" size={300} weight="semibold">
                {sheet} ({issues.length})
              </Text>
              <ul className={styles.list}>
                {(expanded.has(sheet) ? issues : issues.slice(0, PER_SHEET)).map((issue, i) => (
                  <li key={`${issue.cell}-${issue.code}-${i}`}>
                    <Button
                      appearance="subtle"
                      className={mergeClasses(styles.issue, issue.severity === 'error' ? styles.error : styles.warning)}
                      onClick={() => void go(issue)}
                    >
                      {SEVERITY_LABEL[issue.severity]} — {issue.message}
                    </Button>
                  </li>
                ))}
              </ul>
              {issues.length > PER_SHEET && !expanded.has(sheet) ? (
                <Button appearance="transparent" onClick={() => setExpanded(new Set([...expanded, sheet]))}>
                  Show all {issues.length} issues in {sheet}
                </Button>
              ) : null}
            </section>
          ))}
          {shown.length === 0 ? (
            <Text>No {filter === 'all' ? 'issues' : `${filter}s`}: every template sheet passed.</Text>
          ) : null}
        </>
      ) : (
        <Text>Check reads every template sheet and lists each problem with its cell; choose one to go there.</Text>
      )}
    </div>
  );
}
