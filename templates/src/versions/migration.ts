/**
 * A template migration: how a sheet laid out for version N of a template becomes version N+1.
 *
 * Migrations work on the header row of the grid, not on records, on purpose: a row with an error yields no record
 * (docs/architecture.md, Templates and records), so a record-level migration would silently drop exactly the rows a user still has to fix, along with
 * any column the template does not know. Rewriting headers and filling one new column keeps every row and every
 * cell the user typed, including extra columns, title rows and rows that do not validate yet.
 */
export type ColumnChange =
  /** A new column, appended to the right of the header row; `fill` goes into the blank cells of non-blank data rows. */
  | { kind: 'add'; header: string; fill?: string | number | boolean }
  /** A column whose header text changed; the cells stay as they are. */
  | { kind: 'rename'; from: string; to: string }
  /**
   * A column the new version no longer reads. Its cells are kept (nothing typed is thrown away) and its header is
   * retitled so the parser ignores it and the user can see it may be deleted.
   */
  | { kind: 'remove'; header: string };

export interface SheetMigration {
  /** The spec sheet name (e.g. "CAPA Log"). */
  sheet: string;
  changes: readonly ColumnChange[];
}

export interface Migration {
  templateId: string;
  from: number;
  /** Always `from + 1`: upgrades go one version at a time, so every step is small and testable. */
  to: number;
  /** One line for people: what changed and why. */
  description: string;
  sheets: readonly SheetMigration[];
}

/** Header text of a removed column after the upgrade: no longer matched by the parser, plainly marked for the user. */
export function retiredHeader(header: string, templateId: string, version: number): string {
  return retiredHeaderAs(header, `${templateId}@${version}`);
}

/** The same with the version already named (a pack's version reads `acme-consulting v2`). */
export function retiredHeaderAs(header: string, versionName: string): string {
  return `${header} (not used since ${versionName})`;
}
