import { CONSULTANT_INVOLVEMENT, RISK_CATEGORIES } from '../core/lists.js';
import type { TemplateSpec } from '../core/spec.js';

export const PROFILE_SHEET = 'QMS Profile';

export const qmsProfileSpec: TemplateSpec = {
  id: 'qms-profile',
  version: 1,
  title: 'QMS Profile',
  description: 'Scope, size and cost settings of the organisation seeking ISO 9001 certification.',
  sheets: [
    {
      kind: 'fields',
      name: PROFILE_SHEET,
      recordType: 'profile',
      fieldHeader: 'Field',
      valueHeader: 'Value',
      fields: [
        // profile.required: the five fields the readiness gate G1 needs are required
        {
          key: 'organizationName',
          header: 'Organization name',
          aliases: ['Organisation name', 'Organization', 'Organisation', 'Company'],
          type: 'text',
          required: true,
        },
        {
          key: 'certificationScope',
          header: 'Certification scope',
          aliases: ['Scope'],
          type: 'text',
          required: true,
          hint: 'Products, services and sites covered by the certificate',
        },
        // profile.integer-at-least-one
        {
          key: 'sitesInScope',
          header: 'Sites in scope',
          aliases: ['Sites', 'Number of sites'],
          type: 'integer',
          required: true,
          min: 1,
        },
        {
          key: 'effectivePersonnel',
          header: 'Effective personnel',
          aliases: ['Personnel', 'Employees', 'Headcount'],
          type: 'integer',
          required: true,
          min: 1,
          hint: 'All persons in scope on all shifts; part-time staff as full-time equivalents',
        },
        // profile.risk-category-list
        {
          key: 'riskCategory',
          header: 'Risk category',
          aliases: ['Risk'],
          type: 'list',
          list: RISK_CATEGORIES,
          required: true,
        },
        // profile.standard-default
        { key: 'standard', header: 'Standard', type: 'list', list: ['ISO 9001:2015'], defaultValue: 'ISO 9001:2015' },
        // profile.dates (cross-checked by profile.target-after-start and profile.target-allows-records in rules.ts)
        { key: 'projectStart', header: 'Project start', aliases: ['Project start date', 'Start date'], type: 'date' },
        {
          key: 'targetCertificationDate',
          header: 'Target certification date',
          aliases: ['Target date', 'Target certification'],
          type: 'date',
        },
        { key: 'certificationBody', header: 'Certification body', aliases: ['CB', 'Registrar'], type: 'text' },
        // profile.accredited-yes-no
        { key: 'accredited', header: 'Accredited', aliases: ['Accredited certification body'], type: 'yesno' },
        // profile.non-negative: the rates and costs below
        {
          key: 'cbDayRate',
          header: 'CB day rate',
          aliases: ['Certification body day rate', 'Auditor day rate'],
          type: 'number',
          min: 0,
        },
        // profile.currency-code is checked in rules.ts against the ISO 4217 list, stored upper case
        {
          key: 'currency',
          header: 'Currency',
          type: 'text',
          defaultValue: 'EUR',
          hint: 'ISO 4217 code such as EUR, GBP, USD',
        },
        {
          key: 'travelPerAuditDay',
          header: 'Travel per audit day',
          aliases: ['Travel cost per audit day', 'Travel'],
          type: 'number',
          min: 0,
        },
        { key: 'consultantDayRate', header: 'Consultant day rate', type: 'number', min: 0 },
        // profile.consultant-involvement-list
        { key: 'consultantInvolvement', header: 'Consultant involvement', type: 'list', list: CONSULTANT_INVOLVEMENT },
        {
          key: 'internalHourlyCost',
          header: 'Internal hourly cost',
          aliases: ['Internal cost per hour', 'Internal rate'],
          type: 'number',
          min: 0,
        },
        // profile.team-capacity-positive
        {
          key: 'teamCapacityHoursPerWeek',
          header: 'Team capacity',
          aliases: ['Team capacity (hours per week)', 'Capacity', 'Hours per week'],
          type: 'number',
          greaterThan: 0,
          hint: 'Hours per week the team can give to the QMS project',
        },
        // profile.months-of-records
        {
          key: 'monthsOfRecordsBeforeStage1',
          header: 'Months of records before Stage 1',
          aliases: ['Months of records'],
          type: 'integer',
          min: 0,
          defaultValue: 3,
        },
      ],
    },
  ],
};
