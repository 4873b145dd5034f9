import { recognise, type WorkbookInput } from '../core/workbook.js';
import { versionRegistry, type VersionRegistry } from './registry.js';

/** A template sheet whose version differs from the one this qms ships. */
export interface TemplateVersionNote {
  sheet: string;
  templateId: string;
  /** The spec sheet it was recognised as (e.g. "KPI Measurements"). */
  specSheet: string;
  /** The version the workbook says it holds. */
  version: number;
  /** The version this qms ships. */
  current: number;
  /** Where the workbook's version came from: the sheet's marker, or the document property `qms.templates`. */
  from: 'marker' | 'property';
  /** outdated: `qms upgrade` can bring it up to date; newer: made by a newer qms, which this one cannot read fully. */
  status: 'outdated' | 'newer';
  /** Whether migrations lead from `version` to `current` (false: the sheet has to be redone by hand). */
  upgradable: boolean;
}

/**
 * Every recognised sheet whose template version (its marker, else the workbook's `qms.templates` property) is not
 * the one this qms ships. Sheets recognised by header with no version recorded anywhere are taken as current:
 * nothing says otherwise.
 */
export function templateVersionNotes(
  input: WorkbookInput,
  registry: VersionRegistry = versionRegistry,
): TemplateVersionNote[] {
  const notes: TemplateVersionNote[] = [];
  for (const sheet of input.sheets) {
    const r = recognise(sheet, registry.currentModules());
    const current = r ? registry.current(r.templateId) : undefined;
    if (!r || current === undefined) continue;
    const fromProperty = input.templates?.[r.templateId];
    const version = r.by === 'marker' ? r.version : fromProperty;
    if (version === undefined || version === current) continue;
    notes.push({
      sheet: sheet.name,
      templateId: r.templateId,
      specSheet: r.specSheet,
      version,
      current,
      from: r.by === 'marker' ? 'marker' : 'property',
      status: version < current ? 'outdated' : 'newer',
      upgradable: version < current && registry.chain(r.templateId, version) !== undefined,
    });
  }
  return notes;
}

/** The sheets `qms upgrade` (or the add-in) should offer to bring up to date. */
export function outdatedTemplates(
  input: WorkbookInput,
  registry: VersionRegistry = versionRegistry,
): TemplateVersionNote[] {
  return templateVersionNotes(input, registry).filter((n) => n.status === 'outdated');
}

/** One line per note, for people: what the sheet uses, what this qms ships, and what to do. */
export function describeVersionNote(note: TemplateVersionNote, file = 'FILE.xlsx'): string {
  const used = `${note.sheet} uses ${note.templateId}@${note.version}`;
  const shipped = `${note.templateId}@${note.current}`;
  if (note.status === 'newer') {
    return `${used}, newer than the ${shipped} this qms ships: update qms before trusting this check of the sheet`;
  }
  if (!note.upgradable) {
    return `${used}; this qms ships ${shipped} but has no upgrade from version ${note.version}: insert a fresh ${note.specSheet} sheet and copy the rows over`;
  }
  return `${used}; this qms ships ${shipped}: run \`qms upgrade ${file} --out NEW.xlsx\``;
}
