/**
 * `--previous FILE`: an earlier `--format asff` report, read before the scan starts so that a
 * wrong path or a file of another kind is a usage error, not a lost scan.
 */
import { readFile } from 'node:fs/promises';
import type { AsffFinding } from './asff.ts';

export class PreviousReportError extends Error {
  override readonly name = 'PreviousReportError';
}

export async function loadPreviousFindings(path: string | undefined): Promise<AsffFinding[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PreviousReportError(`--previous ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PreviousReportError(`--previous ${path}: is not JSON; give a report written by --format asff.`);
  }
  const findings = Array.isArray(parsed) ? parsed : undefined;
  const wellFormed = (f: unknown): f is AsffFinding =>
    typeof f === 'object' && f !== null && typeof (f as AsffFinding).Id === 'string' && typeof (f as AsffFinding).AwsAccountId === 'string' &&
    typeof (f as AsffFinding).Region === 'string' && typeof (f as AsffFinding).ProductFields === 'object';
  if (!findings || !findings.every(wellFormed)) {
    throw new PreviousReportError(`--previous ${path}: is not a list of ASFF findings written by --format asff (each with Id, AwsAccountId, Region, ProductFields).`);
  }
  return findings;
}
