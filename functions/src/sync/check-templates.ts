import { findTemplate, TEMPLATE_OF_RECORD_TYPE, type RecordType } from '@qms/templates';
import { DomainError } from '../domain-error.js';

/**
 * Checks the declared templates: unknown ids and versions this server does not validate are refused (422), and
 * every record type sent needs one of its templates declared (400).
 */
export function checkTemplates(templates: Record<string, number>, types: Iterable<RecordType>): void {
  for (const [id, version] of Object.entries(templates)) {
    const template = findTemplate(id);
    if (template === undefined) {
      throw new DomainError(
        'unknown-template',
        `Template "${id}" is not known to this server; remove that sheet's marker or use a starter workbook.`,
        { template: id },
      );
    }
    if (template.spec.version !== version) {
      throw new DomainError(
        'unsupported-template-version',
        `Template "${id}" version ${version} is not supported (this server validates version ${template.spec.version}); update the add-in or upgrade the workbook.`,
        { template: id, version, supported: template.spec.version },
      );
    }
  }
  for (const type of new Set(types)) {
    const owners = TEMPLATE_OF_RECORD_TYPE[type];
    if (!owners.some((t) => t in templates)) {
      throw new DomainError(
        'template-not-declared',
        `${type} records need their template (${owners.map((t) => `"${t}"`).join(' or ')}) and version in "templates".`,
        { type },
      );
    }
  }
}
