import type JSZip from 'jszip';
import { mib, type ReadLimits } from './limits.js';

/** A file that cannot be read as a workbook; `message` is one line a user can act on. */
export class XlsxReadError extends Error {
  override name = 'XlsxReadError';
}

/**
 * JSZip's pull stream of an entry (public in its docs as `internalStream`, left out of its type definitions): it
 * inflates chunk by chunk and can be paused, which is what lets a zip bomb be stopped part-way.
 */
interface StreamingObject {
  internalStream(type: 'uint8array'): {
    on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
    on(event: 'error', listener: (error: Error) => void): unknown;
    on(event: 'end', listener: () => void): unknown;
    pause(): unknown;
    resume(): unknown;
  };
}

/** Counts what the whole package inflates, so a zip bomb is stopped however it spreads over parts. */
export class InflateBudget {
  used = 0;
  constructor(readonly limits: ReadLimits) {}
}

/**
 * Inflates one part as a stream and hands its text to `onText` chunk by chunk, so no part is ever held whole
 * (a sheet's XML can be far larger than the grid it yields). Stops with an XlsxReadError as soon as the part or
 * the package passes its inflated-size limit, whatever sizes the zip directory claims.
 */
export async function streamPart(
  zip: JSZip,
  path: string,
  budget: InflateBudget,
  onText: (text: string) => void,
): Promise<boolean> {
  const file = zip.file(path);
  if (!file) return false;
  const decoder = new TextDecoder('utf-8');
  await streamBytes(file, budget, (chunk) => onText(decoder.decode(chunk, { stream: true })));
  onText(decoder.decode());
  return true;
}

/** The inflated bytes of one zip entry, chunk by chunk, under the part and package limits. */
export function streamBytes(
  file: JSZip.JSZipObject,
  budget: InflateBudget,
  onChunk: (chunk: Uint8Array) => void,
): Promise<void> {
  const path = file.name;
  return new Promise((resolve, reject) => {
    let partBytes = 0;
    let done = false;
    const stream = (file as unknown as StreamingObject).internalStream('uint8array');
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      stream.pause();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    stream.on('data', (chunk: Uint8Array) => {
      if (done) return;
      partBytes += chunk.length;
      budget.used += chunk.length;
      if (partBytes > budget.limits.partBytes || budget.used > budget.limits.totalBytes) {
        fail(
          new XlsxReadError(
            `The workbook's part ${path} inflates to more than ${mib(partBytes > budget.limits.partBytes ? budget.limits.partBytes : budget.limits.totalBytes)} (a limit of this reader; real registers are far smaller). The file may be damaged or built to exhaust memory; save a copy from Excel and try again`,
          ),
        );
        return;
      }
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    });
    stream.on('error', (error: Error) =>
      fail(new XlsxReadError(`The .xlsx package is damaged: part ${path} cannot be unpacked (${error.message})`)),
    );
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve();
    });
    stream.resume();
  });
}

/** A small part (workbook, rels, content types, styles) as one string, under the same limits. */
export async function partText(zip: JSZip, path: string, budget: InflateBudget): Promise<string | undefined> {
  let text = '';
  return (await streamPart(zip, path, budget, (t) => (text += t))) ? text : undefined;
}
