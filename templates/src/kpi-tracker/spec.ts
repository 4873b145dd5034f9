import { KPI_DIRECTIONS, KPI_FREQUENCIES } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const KPI_DEFINITIONS_SHEET = 'KPI Definitions';
export const KPI_MEASUREMENTS_SHEET = 'KPI Measurements';

export const kpiTrackerSpec: TemplateSpec = {
  id: 'kpi-tracker',
  version: 1,
  title: 'KPI Tracker',
  description: 'Quality objectives as KPIs with targets, and their measurements period by period.',
  sheets: [
    {
      kind: 'table',
      name: KPI_DEFINITIONS_SHEET,
      recordType: 'kpi',
      columns: [
        {
          key: 'kpiId',
          header: 'KPI ID',
          aliases: ['ID', 'KPI no', 'KPI code'],
          type: 'text',
          required: true,
          width: 10,
        },
        {
          key: 'name',
          header: 'KPI',
          aliases: ['KPI name', 'Indicator', 'Name'],
          type: 'text',
          required: true,
          width: 30,
        },
        { key: 'qualityObjective', header: 'Quality objective', aliases: ['Objective'], type: 'text', width: 30 },
        { key: 'clause', header: 'Clause', type: 'text', width: 8 },
        { key: 'unit', header: 'Unit', aliases: ['UoM', 'Unit of measure'], type: 'text', width: 10 },
        {
          key: 'direction',
          header: 'Direction',
          aliases: ['Polarity', 'Better when'],
          type: 'list',
          list: KPI_DIRECTIONS,
          required: true,
          width: 16,
        },
        { key: 'target', header: 'Target', type: 'number', required: true, width: 10 },
        {
          key: 'amberThreshold',
          header: 'Amber threshold',
          aliases: ['Amber', 'Threshold', 'Tolerance'],
          type: 'number',
          width: 14,
        },
        {
          key: 'frequency',
          header: 'Frequency',
          aliases: ['Measurement frequency', 'Period'],
          type: 'list',
          list: KPI_FREQUENCIES,
          required: true,
          width: 12,
        },
        { key: 'owner', header: 'Owner', aliases: ['Responsible'], type: 'text', width: 16 },
      ],
    },
    {
      kind: 'table',
      name: KPI_MEASUREMENTS_SHEET,
      recordType: 'kpi-measurement',
      columns: [
        { key: 'kpiId', header: 'KPI ID', aliases: ['ID', 'KPI'], type: 'text', required: true, width: 10 },
        // Periods come in many spellings (2026-03, 2026-Q1, a date): the rules parse them, so read as text.
        {
          key: 'period',
          header: 'Period',
          aliases: ['Month', 'Period start', 'Date'],
          type: 'text',
          required: true,
          width: 12,
          hint: 'A date (period start), 2026-03, 2026-Q1, 2026-W09 or 2026',
        },
        {
          key: 'actual',
          header: 'Actual',
          aliases: ['Value', 'Result', 'Measured'],
          type: 'number',
          required: true,
          width: 10,
        },
        { key: 'comment', header: 'Comment', aliases: ['Comments', 'Notes'], type: 'text', width: 36 },
      ],
    },
  ],
};
