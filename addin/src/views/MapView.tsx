import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  draftMapping,
  findTemplate,
  guessTarget,
  mappingFromDraft,
  mappingTargets,
  previewMapping,
  specSheetFor,
  wordsToMap,
  type MappingDraft,
  type MappingPreview,
  type SheetInput,
  type WorkbookInput,
} from '@qms/templates';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useShared } from '../app/state.ts';
import { Status, type StatusMessage } from './Status.tsx';

const NOT_IN_SHEET = '';
const PREVIEW_ISSUES = 8;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    border: 'none',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  // A native select is as wide as its longest option (a column with its samples): held to the pane's width,
  // the closed drop-down cuts the text instead of making the pane scroll sideways at 320 px.
  field: { minWidth: 0, maxWidth: '100%' },
  select: { width: '100%', minWidth: 0, maxWidth: '100%' },
  selectInner: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
});

const targetKey = (template: string, sheet: string) => `${template}:${sheet}`;

/** A sheet column as the drop-downs show it: letter, header, and what is under it, so the user can tell. */
function columnLabel(c: MappingDraft['columns'][number], asDates: boolean): string {
  const header = c.header === '' ? '(no header)' : c.header;
  const samples = (asDates ? c.dateSamples : undefined) ?? c.samples;
  return `${c.letter}: ${header}${samples.length ? ` — e.g. ${samples.join(', ')}` : ''}`;
}

/**
 * Map columns: tells the pane once how one of the user's own sheets reads as a template (which row holds the
 * headers, which column is which field, what the sheet's own words mean), previews the records and issues that
 * gives, and keeps the mapping in the sheet (worksheet property qms.mapping) for the pane, qms and colleagues.
 */
export default function MapView({ sheetName, onClose }: { sheetName: string; onClose: (saved: boolean) => void }) {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const workbook = services.workbook;
  const canSave = services.host.kind === 'excel' && services.host.sheetMarkers;
  const [input, setInput] = useState<WorkbookInput>();
  const [status, setStatus] = useState<StatusMessage>();
  const [target, setTarget] = useState('');
  const [headerRow, setHeaderRow] = useState<number>();
  const [choices, setChoices] = useState<Record<string, number | undefined>>({});
  const [words, setWords] = useState<Record<string, Record<string, string>>>({});
  const [preview, setPreview] = useState<MappingPreview>();
  const [saving, setSaving] = useState(false);
  const [allFields, setAllFields] = useState(false);
  const targets = useMemo(() => mappingTargets(), []);
  const sheet: SheetInput | undefined = input?.sheets.find((s) => s.name === sheetName);

  useEffect(() => {
    let live = true;
    workbook
      ?.read()
      .then(({ input: read }) => {
        if (!live) return;
        setInput(read);
        const found = read.sheets.find((s) => s.name === sheetName);
        const start = found?.mapping
          ? targets.find((t) => t.template === found.mapping?.template && t.sheet === found.mapping.sheet)
          : found && guessTarget(found);
        setTarget(targetKey(start?.template ?? targets[0]?.template ?? '', start?.sheet ?? targets[0]?.sheet ?? ''));
      })
      .catch(
        (error: unknown) => live && setStatus({ intent: 'error', text: describeError('Reading the sheet', error) }),
      );
    return () => {
      live = false;
    };
  }, [workbook, sheetName, targets]);

  const chosen = targets.find((t) => targetKey(t.template, t.sheet) === target);
  const module = chosen && findTemplate(chosen.template);
  const draft = useMemo(() => {
    if (!sheet || !module || !chosen) return undefined;
    return draftMapping(sheet, module, {
      specSheet: chosen.sheet,
      date1904: input?.date1904 ?? false,
      ...(headerRow === undefined ? {} : { headerRow }),
    });
  }, [sheet, module, chosen, headerRow, input]);

  // A new draft (another template or header row) starts from its own guesses.
  useEffect(() => {
    if (!draft || typeof draft === 'string') return;
    setChoices(Object.fromEntries(draft.fields.map((f) => [f.key, f.column])));
    setPreview(undefined);
  }, [draft]);

  const spec = module && chosen ? specSheetFor(module, chosen.sheet) : undefined;
  const unknownWords = useMemo(() => {
    if (!sheet || !draft || typeof draft === 'string' || !spec) return [];
    const current = { ...draft, fields: draft.fields.map((f) => ({ ...f, column: choices[f.key] })) };
    return wordsToMap(sheet, current, spec);
  }, [sheet, draft, spec, choices]);

  // Suggested meanings are shown pre-selected; they are stored only when the user saves, which confirms them.
  useEffect(() => {
    setWords((before) => {
      const next: Record<string, Record<string, string>> = {};
      for (const w of unknownWords)
        (next[w.field] ??= {})[w.word] = before[w.field]?.[w.word] ?? w.suggestion ?? NOT_IN_SHEET;
      return next;
    });
  }, [unknownWords]);

  function mapping() {
    if (!draft || typeof draft === 'string') return undefined;
    return mappingFromDraft(draft, choices, words);
  }

  function runPreview() {
    const m = mapping();
    if (!input || !m) return undefined;
    const p = previewMapping(input, sheetName, m, shared.asOf);
    setPreview(p);
    return p;
  }

  async function save() {
    const p = preview ?? runPreview();
    if (!workbook || !p) return;
    setSaving(true);
    setStatus(undefined);
    try {
      await workbook.saveMapping(sheetName, p.stored);
      onClose(true);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Saving the mapping of ${sheetName}`, error) });
      setSaving(false);
    }
  }

  if (!input) return status ? <Status status={status} /> : <Text>Reading {sheetName}…</Text>;
  if (!sheet) return <Text role="alert">The sheet {sheetName} is gone; run Check again.</Text>;
  const hiddenFields =
    draft && typeof draft === 'object' ? draft.fields.filter((f) => !f.required && f.column === undefined).length : 0;
  const fieldLabel = (key: string) => spec?.columns.find((c) => c.key === key)?.header ?? key;

  return (
    <section className={styles.root} aria-label={`Map columns of ${sheetName}`}>
      <Text as="h2" size={400} weight="semibold">
        Map columns: {sheetName}
      </Text>
      <Text size={200}>
        Tell QMS Readiness once how this sheet reads. The mapping is kept in the sheet, so the pane, the qms command
        line and colleagues read it the same way. Your rows are not changed.
      </Text>
      <div className={styles.row}>
        <Field label="Template" className={styles.field}>
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={target}
            onChange={(_, d) => {
              setTarget(d.value);
              setHeaderRow(undefined);
            }}
          >
            {targets.map((t) => (
              <option key={targetKey(t.template, t.sheet)} value={targetKey(t.template, t.sheet)}>
                {t.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          className={styles.field}
          label="Header row"
          validationMessage={typeof draft === 'string' ? draft : undefined}
          validationState={typeof draft === 'string' ? 'error' : 'none'}
        >
          <Input
            type="number"
            min={1}
            value={String(headerRow ?? (typeof draft === 'object' ? draft.headerRow : ''))}
            onChange={(_, d) => {
              const n = Number(d.value);
              if (Number.isInteger(n) && n >= 1) setHeaderRow(n);
            }}
          />
        </Field>
      </div>
      {draft && typeof draft === 'object' ? (
        <>
          <fieldset className={styles.group}>
            <Text as="h3" size={300} weight="semibold">
              Columns
            </Text>
            {draft.fields
              .filter((f) => allFields || f.required || f.column !== undefined)
              .map((f) => (
                <Field
                  className={styles.field}
                  key={f.key}
                  label={`${f.header}${f.required ? ' (required)' : ''}`}
                  hint={f.by === 'guess' ? 'A guess from the header: check it' : undefined}
                >
                  <Select
                    className={styles.select}
                    select={{ className: styles.selectInner }}
                    value={choices[f.key] === undefined ? NOT_IN_SHEET : String(choices[f.key])}
                    onChange={(_, d) =>
                      setChoices({ ...choices, [f.key]: d.value === NOT_IN_SHEET ? undefined : Number(d.value) })
                    }
                  >
                    <option value={NOT_IN_SHEET}>(not in this sheet)</option>
                    {draft.columns.map((c) => (
                      <option key={c.index} value={String(c.index)}>
                        {columnLabel(c, f.date)}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            {hiddenFields > 0 ? (
              <Button appearance="transparent" onClick={() => setAllFields(!allFields)}>
                {allFields
                  ? 'Show only the columns found'
                  : `Show the other ${hiddenFields} columns (none found in this sheet)`}
              </Button>
            ) : null}
          </fieldset>
          {unknownWords.length > 0 ? (
            <fieldset className={styles.group}>
              <Text as="h3" size={300} weight="semibold">
                Your words
              </Text>
              <Text size={200}>Each of these is not one of the template&apos;s values. Say what it means.</Text>
              {unknownWords.map((w) => {
                const list = draft.fields.find((f) => f.key === w.field)?.list ?? [];
                return (
                  <Field
                    className={styles.field}
                    key={`${w.field}:${w.word}`}
                    label={`${fieldLabel(w.field)}: "${w.word}" (${w.cells} cell${w.cells === 1 ? '' : 's'})`}
                  >
                    <Select
                      className={styles.select}
                      select={{ className: styles.selectInner }}
                      value={words[w.field]?.[w.word] ?? NOT_IN_SHEET}
                      onChange={(_, d) =>
                        setWords({ ...words, [w.field]: { ...(words[w.field] ?? {}), [w.word]: d.value } })
                      }
                    >
                      <option value={NOT_IN_SHEET}>(leave it: report it as an error)</option>
                      {list.map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </Select>
                  </Field>
                );
              })}
            </fieldset>
          ) : null}
          <div className={styles.row}>
            <Button onClick={() => runPreview()}>Preview</Button>
            <Button appearance="primary" disabled={!canSave || saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save mapping'}
            </Button>
            <Button appearance="subtle" onClick={() => onClose(false)}>
              Cancel
            </Button>
          </div>
          {!canSave ? (
            <Text size={200}>
              This Excel lacks ExcelApi 1.12, which keeps a mapping in the sheet. Update Office, or map the file with
              qms map.
            </Text>
          ) : null}
          {preview ? (
            <section aria-label="Mapping preview">
              <Text role="status">
                {sheetName} would give {preview.records} record{preview.records === 1 ? '' : 's'}, {preview.errors}{' '}
                error{preview.errors === 1 ? '' : 's'} and {preview.warnings} warning
                {preview.warnings === 1 ? '' : 's'}.
              </Text>
              {preview.issues.length > 0 ? (
                <ul className={styles.list}>
                  {preview.issues.slice(0, PREVIEW_ISSUES).map((i, n) => (
                    <li key={`${i.cell}-${i.code}-${n}`}>
                      <Text size={200}>{i.message}</Text>
                    </li>
                  ))}
                  {preview.issues.length > PREVIEW_ISSUES ? (
                    <li>
                      <Text size={200}>
                        …and {preview.issues.length - PREVIEW_ISSUES} more, listed by Check after saving.
                      </Text>
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </section>
          ) : null}
        </>
      ) : null}
      <Status status={status} />
    </section>
  );
}
