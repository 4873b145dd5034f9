import type { TemplateModule } from '../core/template.js';
import { TEMPLATE_MODULES } from '../registry.js';
import type { Migration } from './migration.js';

/**
 * Migrations the product ships, oldest first. Empty while every template is at version 1; the first time a
 * template's spec version is raised, its N → N+1 migration goes here (and a test upgrades a version-N workbook).
 */
export const SHIPPED_MIGRATIONS: readonly Migration[] = [];

/**
 * The templates this qms knows at their current versions, and the migrations leading to those versions.
 * `check` reads it to say which sheets are outdated and `upgrade` to bring them up to date.
 */
export class VersionRegistry {
  private modules: TemplateModule[];
  private migrations: Migration[];

  constructor(modules: readonly TemplateModule[], migrations: readonly Migration[] = []) {
    this.modules = [...modules];
    this.migrations = [];
    for (const m of migrations) this.addMigration(m);
  }

  /** The current module of every template, in the starter workbook's order. */
  currentModules(): readonly TemplateModule[] {
    return this.modules;
  }

  module(templateId: string): TemplateModule | undefined {
    return this.modules.find((m) => m.spec.id === templateId);
  }

  current(templateId: string): number | undefined {
    return this.module(templateId)?.spec.version;
  }

  /** The steps from `from` to the current version, or undefined when one is missing (nothing to upgrade with). */
  chain(templateId: string, from: number): Migration[] | undefined {
    const current = this.current(templateId);
    if (current === undefined || from > current) return undefined;
    const steps: Migration[] = [];
    for (let v = from; v < current; v++) {
      const step = this.migrations.find((m) => m.templateId === templateId && m.from === v);
      if (!step) return undefined;
      steps.push(step);
    }
    return steps;
  }

  /** A new registry in which `module` is current, with `migrations` added; this one is left as it is. */
  withVersion(module: TemplateModule, migrations: readonly Migration[]): VersionRegistry {
    const copy = new VersionRegistry(this.modules, this.migrations);
    copy.register(module, migrations);
    return copy;
  }

  /**
   * Makes `module` the current version of its template and adds the migrations leading to it. Returns a function
   * that undoes both (tests inject made-up versions with it and restore the shipped registry afterwards).
   */
  register(module: TemplateModule, migrations: readonly Migration[]): () => void {
    const before = { modules: this.modules, migrations: this.migrations };
    const restore = () => {
      this.modules = before.modules;
      this.migrations = before.migrations;
    };
    const at = this.modules.findIndex((m) => m.spec.id === module.spec.id);
    this.modules = at < 0 ? [...this.modules, module] : this.modules.map((m, i) => (i === at ? module : m));
    this.migrations = [...this.migrations];
    try {
      for (const m of migrations) this.addMigration(m);
    } catch (error) {
      restore();
      throw error;
    }
    return restore;
  }

  private addMigration(m: Migration): void {
    if (m.to !== m.from + 1)
      throw new Error(`Migration ${m.templateId}@${m.from} → @${m.to} must go up by exactly one version`);
    if (this.migrations.some((x) => x.templateId === m.templateId && x.from === m.from)) {
      throw new Error(`Two migrations from ${m.templateId}@${m.from}`);
    }
    this.migrations.push(m);
  }
}

/** The registry `qms check` and `qms upgrade` use: the shipped templates and migrations. */
export const versionRegistry = new VersionRegistry(TEMPLATE_MODULES, SHIPPED_MIGRATIONS);
