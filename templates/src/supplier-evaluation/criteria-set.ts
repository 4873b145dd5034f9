import { SUPPLIER_CRITERIA } from '../core/lists.js';

/**
 * The criteria a supplier sheet scores (docs/architecture.md, Template packs). The product scores four; a
 * consultant's pack may rename them and add its own. Each has a key that never changes: a product criterion's key
 * is its field in the supplier record (`quality` …), an extra criterion's key is its entry in the record's `extra`
 * map. The name is what the sheet shows, in the score column's header and in the criteria block.
 */
export interface CriterionDef {
  key: string;
  name: string;
  /** Weight in percent the built sheet starts with. */
  weightPct: number;
  /** Other headers the score column is read under (the product's name of a renamed criterion, translations). */
  aliases: readonly string[];
  /** True for a criterion the pack adds: its marks go to `extra`, not to a field of the record. */
  extra: boolean;
}

export type ProductCriterion = (typeof SUPPLIER_CRITERIA)[number];

export const PRODUCT_CRITERION_KEYS: Readonly<Record<ProductCriterion, string>> = {
  Quality: 'quality',
  Delivery: 'delivery',
  Responsiveness: 'responsiveness',
  Cost: 'cost',
};

export const DEFAULT_CRITERIA_WEIGHTS = { Quality: 40, Delivery: 30, Responsiveness: 15, Cost: 15 } as const;

/** The criterion's name in German, French and Spanish headers ("Qualität", "Livraison", "Coste"). */
const TRANSLATIONS: Readonly<Record<ProductCriterion, readonly string[]>> = {
  Quality: ['Qualität', 'Qualité', 'Calidad'],
  Delivery: ['Lieferung', 'Liefertreue', 'Livraison', 'Entrega'],
  Responsiveness: ['Reaktionsfähigkeit', 'Réactivité', 'Capacidad de respuesta', 'Respuesta'],
  Cost: ['Kosten', 'Preis', 'Coût', 'Prix', 'Coste', 'Costo', 'Precio'],
};

export const PRODUCT_CRITERIA: readonly CriterionDef[] = SUPPLIER_CRITERIA.map((name) => ({
  key: PRODUCT_CRITERION_KEYS[name],
  name,
  weightPct: DEFAULT_CRITERIA_WEIGHTS[name],
  aliases: TRANSLATIONS[name],
  extra: false,
}));

export const productCriterionOfKey = (key: string): ProductCriterion | undefined =>
  SUPPLIER_CRITERIA.find((c) => PRODUCT_CRITERION_KEYS[c] === key);

/** How a pack names one criterion: a product criterion by its name or key, or an extra one by a key of its own. */
export interface CriterionChoice {
  criterion: string;
  weightPct: number;
  key?: string;
}

/**
 * The criteria a pack's choices make, in the pack's order. A choice without a key is the product criterion of that
 * name; with a product key it is that criterion under the choice's name (a rename, still read under the product's
 * name); with another key it is an extra criterion. The pack's rules (packs/rules.ts) have refused anything else.
 */
export function criteriaSetOf(choices: readonly CriterionChoice[]): CriterionDef[] {
  return choices.map((c) => {
    const key = c.key ?? PRODUCT_CRITERION_KEYS[c.criterion as ProductCriterion];
    const product = key === undefined ? undefined : productCriterionOfKey(key);
    if (!product)
      return { key: key ?? c.criterion, name: c.criterion, weightPct: c.weightPct, aliases: [], extra: true };
    const aliases = c.criterion === product ? TRANSLATIONS[product] : [product, ...TRANSLATIONS[product]];
    return { key, name: c.criterion, weightPct: c.weightPct, aliases, extra: false };
  });
}

/** True when the criteria are the product's own four, by name and in order (weights aside). */
export const isProductSet = (set: readonly CriterionDef[]): boolean =>
  set.length === PRODUCT_CRITERIA.length && set.every((c, i) => !c.extra && c.name === PRODUCT_CRITERIA[i]?.name);
