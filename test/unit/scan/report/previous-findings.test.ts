/**
 * `--previous FILE`: reading an earlier ASFF report before the scan starts.
 *
 * Scenarios
 * - Given no --previous, then there are no earlier findings.
 * - Given an ASFF report written by --format asff, then its findings are returned.
 * - Given a file that is missing, a directory, not JSON, not a list, or a list with an entry missing
 *   Id, AwsAccountId, Region or ProductFields, then a PreviousReportError names the file and what
 *   was expected, before any AWS call.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreviousReportError, loadPreviousFindings } from '../../../../scan/report/previous-findings.ts';

const good = { Id: 'elasticache-config-rules/111122223333/eu-west-1/x/orders/automatic-backup', AwsAccountId: '111122223333', Region: 'eu-west-1', ProductFields: {} };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'previous-findings-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('loadPreviousFindings', () => {
  it('returns no findings without --previous', async () => {
    await expect(loadPreviousFindings(undefined)).resolves.toEqual([]);
  });

  it('returns the findings of an ASFF report', async () => {
    const path = await fileWith('good.asff.json', JSON.stringify([good, { ...good, Id: 'other' }]));
    await expect(loadPreviousFindings(path)).resolves.toEqual([good, { ...good, Id: 'other' }]);
  });

  it('names a directory given as the report as unreadable', async () => {
    const path = join(dir, 'a-directory');
    await mkdir(path);
    await expect(loadPreviousFindings(path)).rejects.toThrow(new PreviousReportError(`--previous ${path}: cannot be read (EISDIR).`));
  });

  it('refuses a file that is not JSON', async () => {
    const path = await fileWith('report.html', '<html></html>');
    await expect(loadPreviousFindings(path)).rejects.toThrow(new PreviousReportError(`--previous ${path}: is not JSON; give a report written by --format asff.`));
  });

  it.each<[string, unknown]>([
    ['an object', { findings: [good] }],
    ['a list with null', [good, null]],
    ['a list of strings', ['finding']],
    ['a finding without Id', [{ ...good, Id: undefined }]],
    ['a finding with a numeric account', [{ ...good, AwsAccountId: 111122223333 }]],
    ['a finding without Region', [{ ...good, Region: undefined }]],
    ['a finding without ProductFields', [{ ...good, ProductFields: undefined }]],
  ])('refuses %s, saying what a report holds', async (name, content) => {
    const path = await fileWith(`${name.replace(/\W+/g, '-')}.json`, JSON.stringify(content));
    const load = loadPreviousFindings(path);
    await expect(load).rejects.toBeInstanceOf(PreviousReportError);
    await expect(load).rejects.toThrow(`--previous ${path}: is not a list of ASFF findings written by --format asff (each with Id, AwsAccountId, Region, ProductFields).`);
  });
});
