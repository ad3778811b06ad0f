/**
 * `scan --template` against outside judges: the SARIF it writes is checked against the published
 * SARIF 2.1.0 JSON schema (OASIS, vendored in test/fixtures/sarif/), with the project's Python
 * environment's jsonschema, which implements the schema's draft 04.
 *
 * Scenarios
 * - Given the whole template corpus, then the SARIF document validates against the schema (formats
 *   checked), as GitHub code scanning requires before it accepts an upload.
 * - Given a document that breaks the schema, then the same check fails (the check can fail).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../scan/cli.ts';

const SCHEMA = 'test/fixtures/sarif/sarif-schema-2.1.0.json';
const VALIDATE = [
  'import json, sys, jsonschema',
  'schema = json.load(open(sys.argv[1]))',
  'document = json.load(open(sys.argv[2]))',
  'validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)',
  'errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))',
  'print("\\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10]))',
  'sys.exit(1 if errors else 0)',
].join('\n');

function validate(document: string): { status: number | null; output: string } {
  const result = spawnSync('.venv/bin/python', ['-c', VALIDATE, SCHEMA, document], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('SARIF written by scan --template', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'template-scan-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates against the published SARIF 2.1.0 schema', async () => {
    // Act
    const sink = new PassThrough();
    const code = await main(['scan', '--template', 'test/fixtures/templates/cloudformation', '--template', 'test/fixtures/templates/terraform', '--format', 'sarif', '--output', dir], {
      stdout: sink,
      stderr: sink as unknown as NodeJS.WriteStream,
      env: {},
    });
    // Assess
    expect(code).toBe(0);
    const file = join(dir, 'elasticache-template-scan.sarif');
    expect(JSON.parse(await readFile(file, 'utf8')).runs[0].results.length).toBeGreaterThan(20);
    expect(validate(file)).toEqual({ status: 0, output: '\n' });
  });

  it('fails the check for a document that breaks the schema', async () => {
    // Prepare: a result without its message, and a level the schema does not know.
    const file = join(dir, 'broken.sarif');
    await writeFile(file, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a', level: 'fatal' }] }] }));
    // Act
    const { status, output } = validate(file);
    // Assess
    expect(status).toBe(1);
    expect(output).toMatch(/message|fatal/);
  });
});
