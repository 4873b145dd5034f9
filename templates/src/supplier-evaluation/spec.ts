import { SUPPLIER_CRITICALITY, SUPPLIER_STATUSES } from '../core/lists.js';
import type { ColumnSpec, TableSheetSpec, TemplateSpec } from '../core/spec.js';
import { PRODUCT_CRITERIA, type CriterionDef } from './criteria-set.js';

export { DEFAULT_CRITERIA_WEIGHTS } from './criteria-set.js';

export const SUPPLIER_SHEET = 'Supplier Evaluation';
/** Criteria may also live on their own sheet of this name. */
export const CRITERIA_SHEET = 'Evaluation Criteria';

/**
 * A criterion's score column. Its marks are read on the scale the criteria block declares (a "Scale | 1-10" row;
 * see scale.ts), 1–5 by default, and stored on 1–5; min/max here are the template's own 1–5, which the built
 * workbook validates. The % aliases are read as percentages whatever is declared: "Quality (%)" already matches
 * "Quality" (units in brackets are dropped), "Quality %" needs its own alias.
 */
const score = (key: string, header: string, translations: readonly string[] = []): ColumnSpec => ({
  key,
  header,
  aliases: [
    // The product's name of a renamed criterion, and the name in German, French and Spanish ("Qualität", "Coste").
    ...translations,
    `${header} score`,
    `${header} (1-5)`,
    `${header} %`,
    `${header} (%)`,
    `${header} score %`,
    `${header} in %`,
    `${header} percent`,
    `${header} percentage`,
  ],
  type: 'integer',
  min: 1,
  max: 5,
  width: 11,
  hint: '1 (poor) to 5 (excellent)',
});

/** Months from Evaluation date to the next evaluation when Next evaluation is blank, by criticality. */
export const REEVALUATION_MONTHS = { Critical: 12, Major: 24, Minor: 36 } as const;

/**
 * The criteria block. Description is optional but part of the spec on purpose: recognition by header needs three
 * matching columns for a spec of three or more columns, so a bare Criterion | Weight (%) block above or beside the
 * supplier table never makes the supplier sheet look like a criteria sheet (the rules read that block themselves).
 */
export const criteriaColumnsFor = (criteria: readonly CriterionDef[]): readonly ColumnSpec[] => [
  {
    key: 'criterion',
    header: 'Criterion',
    aliases: ['Criteria'],
    type: 'list',
    list: criteria.map((c) => c.name),
    required: true,
    width: 16,
  },
  {
    key: 'weightPct',
    header: 'Weight (%)',
    aliases: ['Weight', 'Weighting', 'Weight %'],
    type: 'number',
    required: true,
    min: 0,
    max: 100,
    width: 11,
    hint: 'Weights of all criteria add up to 100',
  },
  {
    key: 'description',
    header: 'Description',
    aliases: ['What is assessed', 'Guidance', 'Scoring guide'],
    type: 'text',
    width: 40,
  },
];

export const criteriaColumns = criteriaColumnsFor(PRODUCT_CRITERIA);

/** Spec key of a criterion's score column: its record field, or `extra.<key>` for a criterion a pack adds. */
export const scoreSpecKey = (criterion: CriterionDef): string =>
  criterion.extra ? `extra.${criterion.key}` : criterion.key;

/** The Supplier Evaluation template scoring these criteria: the product's four, or a pack's. */
export const supplierEvaluationSpecFor = (criteria: readonly CriterionDef[]): TemplateSpec => ({
  id: 'supplier-evaluation',
  version: 1,
  title: 'Supplier Evaluation',
  description: 'Weighted evaluation of external providers with approval status and re-evaluation dates.',
  sheets: [
    {
      kind: 'table',
      name: SUPPLIER_SHEET,
      recordType: 'supplier',
      columns: [
        {
          key: 'supplierId',
          header: 'Supplier ID',
          aliases: [
            'ID',
            'Vendor ID',
            'Vendor no',
            'Vendor code',
            'Supplier no',
            'Supplier number',
            'Supplier code',
            'Lieferantennummer',
            'Code fournisseur',
            'Código proveedor',
          ],
          type: 'text',
          required: true,
          width: 11,
        },
        {
          key: 'name',
          header: 'Supplier',
          aliases: ['Supplier name', 'Vendor', 'Name', 'Lieferant', 'Fournisseur', 'Proveedor', 'Nombre del proveedor'],
          type: 'text',
          required: true,
          width: 26,
        },
        {
          key: 'productsServices',
          header: 'Products / services',
          aliases: [
            'Products',
            'Services',
            'Products and services',
            'Scope of supply',
            'Produkte',
            'Produits',
            'Productos',
          ],
          type: 'text',
          width: 26,
        },
        {
          key: 'criticality',
          header: 'Criticality',
          aliases: ['Category', 'Risk', 'Kritikalität', 'Criticité', 'Criticidad'],
          type: 'list',
          list: SUPPLIER_CRITICALITY,
          required: true,
          width: 11,
        },
        ...criteria.map((c) => score(scoreSpecKey(c), c.name, c.aliases)),
        {
          key: 'certification',
          header: 'Certification',
          aliases: ['Certificate', 'Certifications'],
          type: 'text',
          width: 16,
        },
        {
          key: 'certificateExpiry',
          header: 'Certificate expiry',
          aliases: ['Certificate expiry date', 'Cert expiry'],
          type: 'date',
          width: 14,
        },
        {
          key: 'evaluationDate',
          header: 'Evaluation date',
          aliases: ['Evaluated on', 'Last evaluation', 'Bewertungsdatum', "Date d'évaluation", 'Fecha de evaluación'],
          type: 'date',
          width: 14,
        },
        { key: 'evaluatedBy', header: 'Evaluated by', aliases: ['Evaluator'], type: 'text', width: 16 },
        // Shown by a formula in the template; the parser recomputes it and ignores the cell.
        { key: 'score', header: 'Score', aliases: ['Weighted score', 'Total score'], type: 'formula', width: 9 },
        {
          key: 'status',
          header: 'Status',
          aliases: ['Approval status', 'Approval', 'Freigabestatus', 'Statut', 'Estado'],
          type: 'list',
          list: SUPPLIER_STATUSES,
          required: true,
          width: 14,
        },
        {
          key: 'nextEvaluation',
          header: 'Next evaluation',
          aliases: ['Next evaluation date', 'Re-evaluation date', 'Next review'],
          type: 'date',
          width: 15,
        },
        { key: 'notes', header: 'Notes', aliases: ['Comments'], type: 'text', width: 30 },
      ],
    },
    {
      kind: 'table',
      name: CRITERIA_SHEET,
      recordType: 'supplier-criterion',
      columns: criteriaColumnsFor(criteria),
    },
  ],
});

export const supplierEvaluationSpec: TemplateSpec = supplierEvaluationSpecFor(PRODUCT_CRITERIA);

/** The supplier table and the criteria sheet of a Supplier Evaluation spec. */
export const supplierSheetsOf = (spec: TemplateSpec) => spec.sheets as [TableSheetSpec, TableSheetSpec];
