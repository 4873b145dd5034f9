import type ExcelJS from 'exceljs';

/**
 * ExcelJS keeps a worksheet's data validations in `worksheet.dataValidations` (address or range → rule) but its
 * type definitions omit the property; this is the one typed view of it the builder and the tests use.
 */
export interface DataValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
  add(address: string, validation: ExcelJS.DataValidation): void;
}

export function dataValidationsOf(sheet: ExcelJS.Worksheet): DataValidations {
  return (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
}
