/** Allowed values of list columns (docs/architecture.md, Templates and records), canonical spelling. Shared by specs, schemas and the engine. */
export const RISK_CATEGORIES = ['High', 'Medium', 'Low'] as const;
export const YES_NO = ['Yes', 'No'] as const;
export const CONSULTANT_INVOLVEMENT = ['None', 'Light', 'Full'] as const;
export const GAP_STATUSES = [
  'Compliant',
  'Partially compliant',
  'Non-compliant',
  'Not applicable',
  'Not assessed',
] as const;
export const PRIORITIES = ['High', 'Medium', 'Low'] as const;
export const KPI_DIRECTIONS = ['Higher is better', 'Lower is better'] as const;
export const KPI_FREQUENCIES = ['Weekly', 'Monthly', 'Quarterly', 'Annually'] as const;
export const RAG = ['Green', 'Amber', 'Red'] as const;
export const SUPPLIER_CRITICALITY = ['Critical', 'Major', 'Minor'] as const;
export const SUPPLIER_STATUSES = ['Approved', 'Conditional', 'Not approved', 'Pending'] as const;
export const SUPPLIER_CRITERIA = ['Quality', 'Delivery', 'Responsiveness', 'Cost'] as const;
export const CAPA_SOURCES = [
  'Internal audit',
  'External audit',
  'Customer complaint',
  'Supplier',
  'Process monitoring',
  'Management review',
  'Other',
] as const;
export const CAPA_SEVERITIES = ['Major', 'Minor', 'Observation'] as const;
export const ROOT_CAUSE_METHODS = ['5 Whys', 'Fishbone', '8D', 'Other'] as const;
export const CAPA_STATUSES = ['Open', 'In progress', 'Awaiting verification', 'Closed', 'Cancelled'] as const;
export const EFFECTIVENESS = ['Effective', 'Not effective', 'Pending'] as const;
export const AUDIT_TYPES = [
  'Internal audit',
  'Management review',
  'Stage 1 audit',
  'Stage 2 audit',
  'Surveillance audit',
  'Recertification audit',
] as const;
export const AUDIT_STATUSES = ['Planned', 'Completed', 'Cancelled'] as const;
export const REVIEW_STATUSES = ['Planned', 'Completed'] as const;
export const DOCUMENT_TYPES = [
  'Policy',
  'Procedure',
  'Work instruction',
  'Form',
  'Plan',
  'Record',
  'External document',
] as const;
export const DOCUMENT_STATUSES = ['Draft', 'In review', 'Approved', 'Obsolete'] as const;
export const TRAINING_METHODS = ['Classroom', 'On the job', 'E-learning', 'External'] as const;
export const TRAINING_EFFECTIVENESS = ['Yes', 'No', 'Pending'] as const;
