import {
  CLAUSES,
  DEFAULT_CRITERIA_WEIGHTS,
  STARTER_MODULES,
  TEMPLATE_MODULES,
  markerFor,
  type TemplateModule,
} from '@qms/templates';
import type { SheetBuild, SheetMarkers } from '../office/types.ts';

export interface TemplateChoice {
  id: string;
  title: string;
  description: string;
  modules: readonly TemplateModule[];
}

/**
 * What the Templates tab offers: the starter set (the ten templates of the QMS Starter workbook), then every template
 * on its own, the other layouts of the same records (wide KPI sheet, audit calendar, wide training matrix) among them.
 */
export function templateChoices(): TemplateChoice[] {
  return [
    {
      id: 'starter',
      title: 'Starter set (all templates)',
      description:
        'All ten starter templates in one go: profile, gap analysis, KPIs, suppliers, CAPA log, audit programme, management review, certification-body comparison, document register, training matrix.',
      modules: STARTER_MODULES,
    },
    ...TEMPLATE_MODULES.map((m) => ({
      id: m.spec.id,
      title: m.spec.title,
      description: m.spec.description,
      modules: [m],
    })),
  ];
}

export function markersOf(modules: readonly TemplateModule[]): SheetMarkers {
  return Object.fromEntries(modules.flatMap((m) => m.spec.sheets.map((s) => [s.name, markerFor(m, s)])));
}

export function versionsOf(modules: readonly TemplateModule[]): Record<string, number> {
  return Object.fromEntries(modules.map((m) => [m.spec.id, m.spec.version]));
}

/**
 * Sheets built through the API when the host cannot insert files: a title row (with the brand), a blank row,
 * then the headers; the gap analysis comes pre-filled with the clause catalogue, the criteria with default weights.
 */
export function sheetBuilds(modules: readonly TemplateModule[], brand: string): SheetBuild[] {
  return modules.flatMap((m) =>
    m.spec.sheets.map((sheet): SheetBuild => {
      const title = [brand ? `${m.spec.title} — ${brand}` : m.spec.title];
      if (sheet.kind === 'fields') {
        return {
          name: sheet.name,
          marker: markerFor(m, sheet),
          rows: [
            title,
            [],
            [sheet.fieldHeader, sheet.valueHeader],
            ...sheet.fields.map((f) => [f.header, f.defaultValue ?? '']),
          ],
          headerRow: 3,
          widths: [32, 40],
        };
      }
      const headers = sheet.columns.map((c) => c.header);
      const clauseAt = sheet.columns.findIndex((c) => c.key === 'clause');
      const titleAt = sheet.columns.findIndex((c) => c.key === 'title');
      const criterionAt = sheet.columns.findIndex((c) => c.key === 'criterion');
      const weightAt = sheet.columns.findIndex((c) => c.key === 'weightPct');
      const prefill =
        sheet.recordType === 'gap' && clauseAt >= 0
          ? CLAUSES.map((c) => headers.map((_, i) => (i === clauseAt ? c.clause : i === titleAt ? c.title : '')))
          : sheet.recordType === 'supplier-criterion'
            ? Object.entries(DEFAULT_CRITERIA_WEIGHTS).map(([name, weight]) =>
                headers.map((_, i) => (i === criterionAt ? name : i === weightAt ? weight : '')),
              )
            : [];
      return {
        name: sheet.name,
        marker: markerFor(m, sheet),
        rows: [title, [], headers, ...prefill],
        headerRow: 3,
        widths: sheet.columns.map((c) => c.width ?? 14),
      };
    }),
  );
}
