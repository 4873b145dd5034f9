import { checkRecordData, CONTROL_CHARACTERS, contentHash, isWellFormedText, type RecordType } from '@qms/templates';
import { EntityLimitError } from '../storage/limits.js';
import { MAX_KEY_CHARS, versionRowKey } from '../storage/keys.js';
import { toRecordEntity, type RecordEntity, type StoredRecord } from '../storage/record-entity.js';
import { MAX_STRING_CHARS, type IncomingRecord, type RecordIssue, type Rejected } from '@qms/contract';

/** A problem with one record, named so the user can find it (type, id, sheet row and field): wire types. */
export type { RecordIssue, Rejected };

export type Checked = { ok: true; record: StoredRecord; entity: RecordEntity } | { ok: false; rejected: Rejected };

/** Every string in `value` longer than the limit, with its path. */
function longStrings(value: unknown, path: string, out: { path: string; length: number }[]): void {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_CHARS) out.push({ path, length: value.length });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => longStrings(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) longStrings(v, path === '' ? k : `${path}.${k}`, out);
  }
}

/**
 * Every string (keys included) of ill-formed UTF-16 in `value`, with its path: such text cannot be encoded as
 * UTF-8, so storage would refuse or mangle it. Walked with an explicit stack, so deep nesting cannot overflow.
 */
function illFormedPaths(value: unknown, root: string): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && out.length < 20) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) out.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (!isWellFormedText(k)) out.push(`${path} (a key)`);
        else stack.push([x, path === '' ? k : `${path}.${k}`]);
      }
    }
  }
  return out;
}

function describe(type: string, id: string, source: IncomingRecord['source']): string {
  const where =
    source === undefined ? '' : ` (${isWellFormedText(source.sheet) ? source.sheet : 'a sheet'} row ${source.row})`;
  return `${type} "${id}"${where}`;
}

/**
 * Re-validates one incoming record exactly as the workbook side does, verifies its content hash and builds
 * the entity it would be stored as (which checks the storage limits). Never throws on data.
 */
export function checkRecord(
  org: string,
  type: RecordType,
  incoming: IncomingRecord,
  index: number,
  meta: { syncId: string; at: string },
  /** contentHash(incoming.data), when the caller has it already. */
  dataHash: string = contentHash(incoming.data),
): Checked {
  const rawId = incoming.id;
  // An id that cannot be stored or sent back intact is named by its place in the snapshot instead.
  const id = typeof rawId === 'string' && isWellFormedText(rawId) ? rawId : `#${index + 1}`;
  const name = describe(type, id, incoming.source);
  const base =
    incoming.source === undefined || !isWellFormedText(incoming.source.sheet)
      ? {}
      : { sheet: incoming.source.sheet, row: incoming.source.row };
  const issues: RecordIssue[] = [];
  const add = (code: string, message: string, field?: string) =>
    issues.push({ severity: 'error', code, message, ...(field === undefined ? {} : { field }), ...base });

  if (typeof rawId !== 'string' || rawId.trim() === '') {
    add(
      'record.bad-id',
      `Record ${index + 1} of the ${type} snapshot has no id; every row needs its key column filled in.`,
      'id',
    );
  } else if (!isWellFormedText(rawId)) {
    add(
      'record.bad-id',
      `Record ${index + 1} of the ${type} snapshot: the id holds a broken character (half of a UTF-16 surrogate pair); retype the key cell.`,
      'id',
    );
  } else if (CONTROL_CHARACTERS.test(rawId)) {
    add(
      'record.bad-id',
      `${name}: the id contains control characters (line breaks, tabs…); retype the key cell without them.`,
      'id',
    );
  } else if (rawId.length > 255 || versionRowKey(type, rawId, incoming.hash).length > MAX_KEY_CHARS) {
    add(
      'record.bad-id',
      `${name}: the id is too long to be a storage key; shorten the key cell to at most 255 plain characters.`,
      'id',
    );
  }
  const broken = [
    ...illFormedPaths(incoming.data, ''),
    ...illFormedPaths(incoming.warnings ?? [], 'warnings'),
    ...illFormedPaths(incoming.source?.sheet ?? '', 'source.sheet'),
  ];
  for (const path of broken)
    add(
      'record.ill-formed-text',
      `${name}: ${path || 'the data'} holds a broken character (half of a UTF-16 surrogate pair); retype that cell and sync again.`,
      path || undefined,
    );
  if (broken.length > 0) return { ok: false, rejected: { type, id, issues } };
  const tooLong: { path: string; length: number }[] = [];
  longStrings(incoming.data, '', tooLong);
  for (const t of tooLong) {
    add(
      'record.string-too-long',
      `${name}: ${t.path} has ${t.length} characters; shorten it to at most ${MAX_STRING_CHARS} (keep long evidence in a linked document).`,
      t.path,
    );
  }
  const check = checkRecordData(type, incoming.data);
  if (!check.ok) {
    for (const p of check.problems) {
      if (tooLong.some((t) => t.path === p.path)) continue;
      add(
        'record.invalid-data',
        `${name}: ${p.path === '' ? 'the data' : p.path} ${p.message}; correct the cell and sync again.`,
        p.path || undefined,
      );
    }
  }
  if (incoming.hash !== dataHash) {
    add(
      'record.hash-mismatch',
      `${name}: the content hash does not match the data (the record was changed after hashing); re-read the workbook and sync again.`,
      'hash',
    );
  }
  if (issues.length > 0 || !check.ok) return { ok: false, rejected: { type, id, issues } };

  // Stored data is the schema's output (defaults applied, unknown keys dropped). The hash names the version: it is
  // the hash of the data as the workbook gave it, which the client's snapshot digest is made of.
  const data = check.data as Record<string, unknown>;
  const record: StoredRecord = {
    type,
    id,
    data,
    hash: dataHash,
    source: incoming.source ?? { sheet: '', row: 0 },
    warnings: incoming.warnings ?? [],
    syncId: meta.syncId,
    updatedAt: meta.at,
  };
  try {
    return { ok: true, record, entity: toRecordEntity(org, record) };
  } catch (error) {
    if (!(error instanceof EntityLimitError)) throw error;
    add(
      'record.too-large',
      `${name}: the record is too large to store (${error.message}); split long text over several rows or link a document.`,
    );
    return { ok: false, rejected: { type, id, issues } };
  }
}
