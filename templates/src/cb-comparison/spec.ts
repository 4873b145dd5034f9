import type { TemplateSpec } from '../core/spec.js';

export const CB_SHEET = 'CB Comparison';

export const cbComparisonSpec: TemplateSpec = {
  id: 'cb-comparison',
  version: 1,
  title: 'Certification Body Comparison',
  description: 'Quotes from certification bodies side by side: accreditation, audit days, rates, lead time, choice.',
  sheets: [
    {
      kind: 'table',
      name: CB_SHEET,
      recordType: 'cb-quote',
      columns: [
        // cb.body-required (cb.body-unique is in rules.ts)
        {
          key: 'certificationBody',
          header: 'Certification body',
          aliases: ['CB', 'Certification body name', 'Registrar', 'Certifier'],
          type: 'text',
          required: true,
          width: 26,
        },
        {
          key: 'accreditationBody',
          header: 'Accreditation body',
          aliases: ['Accredited by', 'AB'],
          type: 'text',
          width: 16,
          hint: 'The national accreditation body, such as DAkkS, UKAS or ANAB',
        },
        {
          key: 'accreditedForScope',
          header: 'Accredited for our scope',
          aliases: ['Accredited for scope', 'Accredited'],
          type: 'yesno',
          width: 12,
        },
        {
          key: 'accreditationCheckedOn',
          header: 'Accreditation checked on',
          aliases: ['Accreditation checked', 'Checked on'],
          type: 'date',
          width: 14,
        },
        {
          key: 'quotedAuditDays',
          header: 'Quoted audit days (initial)',
          aliases: ['Quoted audit days', 'Audit days', 'Initial audit days'],
          type: 'number',
          min: 0,
          width: 12,
          hint: 'Auditor-days quoted for Stage 1 + Stage 2',
        },
        {
          key: 'dayRate',
          header: 'Day rate',
          aliases: ['Rate per day', 'Auditor day rate'],
          type: 'number',
          min: 0,
          width: 10,
        },
        {
          key: 'travelPerDay',
          header: 'Travel per day',
          aliases: ['Travel per audit day', 'Travel'],
          type: 'number',
          min: 0,
          width: 10,
        },
        {
          key: 'quotedTotal',
          header: 'Quoted total',
          aliases: ['Total quote', 'Quote total', 'Total'],
          type: 'number',
          min: 0,
          width: 12,
          hint: 'The initial audit total the quote gives',
        },
        // cb.currency-code is checked in rules.ts against the ISO 4217 list, stored upper case
        { key: 'currency', header: 'Currency', type: 'text', width: 9, hint: 'ISO 4217 code such as EUR, GBP, USD' },
        {
          key: 'leadTimeWeeks',
          header: 'Lead time (weeks)',
          aliases: ['Lead time', 'Weeks to Stage 1'],
          type: 'number',
          min: 0,
          width: 10,
          hint: 'Weeks from booking to the Stage 1 audit',
        },
        {
          key: 'sectorExperience',
          header: 'Sector experience',
          aliases: ['Sector', 'Experience'],
          type: 'text',
          width: 24,
        },
        {
          key: 'consultancyToUs',
          header: 'Also provides consultancy to us',
          aliases: ['Provides consultancy to us', 'Consultancy to us'],
          type: 'yesno',
          width: 14,
          hint: 'Yes if this body (or a related body) helped build our QMS: it may then not certify it',
        },
        {
          key: 'chosen',
          header: 'Chosen',
          aliases: ['Selected'],
          type: 'yesno',
          width: 9,
          hint: 'Yes for the one body you choose; leave the others blank',
        },
        { key: 'notes', header: 'Notes', aliases: ['Comments'], type: 'text', width: 30 },
      ],
    },
  ],
};
