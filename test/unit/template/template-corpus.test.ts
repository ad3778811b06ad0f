/**
 * The template corpus (test/fixtures/templates): every cache of every CloudFormation template and
 * Terraform plan gets, from every control, the verdict written down in expected-verdicts.json.
 *
 * Scenarios
 * - Given properties left out, then the service's defaults are judged (TLS off, at rest off, no
 *   snapshots, no failover, the default subnet group), and what the service picks at creation (the
 *   newest version, the default security group, serverless subnets) is UNDETERMINED naming it.
 * - Given intrinsics resolvable from the template (parameter defaults, Conditions, Fn::If,
 *   Fn::FindInMap, AWS::NoValue, Ref/GetAtt to resources of the template), then they are followed.
 * - Given values known only at deployment (a parameter without a default, Fn::ImportValue, a pseudo
 *   parameter, an unknown plan value), then UNDETERMINED naming the property, never COMPLIANT.
 * - Given something only the account knows (a key, a security group, a subnet group defined
 *   elsewhere), then UNDETERMINED saying what would be needed.
 * - Given a resource whose Condition is false, then it is not judged; given a module, then it is
 *   listed as not judged.
 * - Given a SAM template and Terraform child modules, then their caches are judged like any other.
 * - Given a control a template gives nothing to judge with (the snapshot controls: a template declares
 *   no snapshot; cross-region-recovery: tags and global datastores are read from the account), then
 *   every cache is UNDETERMINED for it, saying it needs the account, never judged from nothing.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { controls } from '#shared/controls/catalog.ts';
import { parseParameters } from '#shared/engine/parameters.ts';
import { evaluateDeclared, type TemplateFinding } from '#shared/template/evaluate-declared.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import { notJudgedBeforeDeployment } from '#shared/template/template-contexts.ts';

const CORPUS = 'test/fixtures/templates';
const NOW = new Date('2026-12-07T12:00:00Z');
const defaults = Object.fromEntries(controls.map((c) => [c.id, parseParameters(c.parameters, {})]));
const NOT_JUDGED = new Set(controls.filter((c) => notJudgedBeforeDeployment(c) !== undefined).map((c) => c.id));

type Expected = Record<string, Record<string, Record<string, string>>>;

async function judge(relativePath: string, parameters = defaults): Promise<TemplateFinding[]> {
  const file = join(CORPUS, relativePath);
  const stack = loadTemplate(file, await readFile(file, 'utf8'));
  return evaluateDeclared(stack, { controls, parameters, evaluationTime: NOW });
}

describe('the template corpus', () => {
  let expected: Expected;
  beforeAll(async () => {
    expected = JSON.parse(await readFile(join(CORPUS, 'expected-verdicts.json'), 'utf8')) as Expected;
  });

  it('has an expectation for every template and plan of the corpus', async () => {
    // Prepare
    const files = [
      ...(await readdir(join(CORPUS, 'cloudformation'))).map((f) => `cloudformation/${f}`),
      ...(await readdir(join(CORPUS, 'terraform'))).map((f) => `terraform/${f}`),
    ];
    // Assess
    expect(Object.keys(expected).filter((k) => !k.startsWith('$')).sort()).toEqual(files.sort());
  });

  it.each([
    'cloudformation/defaults-left-out.yaml',
    'cloudformation/hardened.yaml',
    'cloudformation/intrinsics-unresolved.yaml',
    'cloudformation/conditions.yaml',
    'cloudformation/public-network.yaml',
    'cloudformation/sam-serverless.yaml',
    'cloudformation/module-and-json.json',
    'terraform/plan-root-module.json',
    'terraform/plan-child-module.json',
    'terraform/plan-public-network.json',
  ])('judges every cache of %s as expected', async (file) => {
    // Act
    const findings = await judge(file);
    // Assess
    const wanted = expected[file]!;
    expect([...new Set(findings.map((f) => f.resourceId))].sort()).toEqual(Object.keys(wanted).sort());
    const mismatches: string[] = [];
    for (const finding of findings) {
      const byControl = wanted[finding.resourceId]!;
      const want = NOT_JUDGED.has(finding.control) ? 'UNDETERMINED:needs the account' : (byControl[finding.control] ?? byControl['*']!);
      const [compliance, named] = want.split(/:(.*)/s);
      if (finding.compliance !== compliance || (named && !finding.annotation.includes(named))) {
        mismatches.push(`${finding.resourceId} ${finding.control}: want ${want}, got ${finding.compliance} (${finding.annotation})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reports every cache UNDETERMINED for the snapshot controls and cross-region-recovery, and no other control', () => {
    expect([...NOT_JUDGED].sort()).toEqual(['cross-region-recovery', 'snapshot-encryption', 'snapshot-retention']);
  });

  it('never reports an UNDETERMINED finding without saying what is missing', async () => {
    // Act
    const findings = (await Promise.all(Object.keys(expected).filter((k) => !k.startsWith('$')).map((f) => judge(f)))).flat();
    // Assess
    const undetermined = findings.filter((f) => f.compliance === 'UNDETERMINED');
    expect(undetermined.length).toBeGreaterThan(10);
    for (const finding of undetermined) {
      expect(finding.annotation).toMatch(/^Cannot be judged before deployment: (.+ is known only at deployment \(.+\)|needs the account: .+)\.$/);
      expect(finding.annotation.length).toBeLessThanOrEqual(256);
    }
  });

  it('points every finding at the line of its resource', async () => {
    // Act
    const findings = await judge('cloudformation/hardened.yaml');
    const text = await readFile(join(CORPUS, 'cloudformation/hardened.yaml'), 'utf8');
    // Assess
    const line = text.split('\n').findIndex((l) => l === '  Cache:') + 1;
    expect(new Set(findings.map((f) => f.line))).toEqual(new Set([line]));
    expect(findings.every((f) => f.resourceType === 'AWS::ElastiCache::ReplicationGroup' && f.file.endsWith('hardened.yaml'))).toBe(true);
  });

  it('does not judge a resource whose Condition is false, and lists a module as not judged', async () => {
    // Act
    const conditions = loadTemplate('c.yaml', await readFile(join(CORPUS, 'cloudformation/conditions.yaml'), 'utf8'));
    const modules = loadTemplate('m.json', await readFile(join(CORPUS, 'cloudformation/module-and-json.json'), 'utf8'));
    // Assess
    expect(conditions.caches.map((c) => c.address)).toEqual(['DevCache']);
    expect(modules.skipped).toEqual([{ address: 'SharedCache', reason: expect.stringContaining('CloudFormation module') }]);
  });

  it('judges with the parameters given, as the rules do', async () => {
    // Prepare: a stricter retention and a customer managed key required.
    const parameters = {
      ...defaults,
      'automatic-backup': parseParameters(controls.find((c) => c.id === 'automatic-backup')!.parameters, { minimumRetentionDays: '14' }),
      'encryption-at-rest': parseParameters(controls.find((c) => c.id === 'encryption-at-rest')!.parameters, { requireCustomerManagedKey: 'true' }),
    };
    // Act
    const findings = await judge('cloudformation/public-network.yaml', parameters);
    // Assess
    const verdict = (control: string) => findings.find((f) => f.resourceId === 'OpenCache' && f.control === control)!;
    expect(verdict('automatic-backup').compliance).toBe('NON_COMPLIANT');
    expect(verdict('encryption-at-rest')).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('customer managed') });
  });

  it('cannot match an allow-list against the id of a key the template creates', async () => {
    // Prepare
    const parameters = {
      ...defaults,
      'encryption-at-rest': parseParameters(controls.find((c) => c.id === 'encryption-at-rest')!.parameters, {
        approvedKmsKeyIds: '1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    };
    // Act
    const findings = await judge('cloudformation/hardened.yaml', parameters);
    // Assess
    expect(findings.find((f) => f.control === 'encryption-at-rest')).toMatchObject({
      compliance: 'UNDETERMINED',
      annotation: expect.stringContaining('approvedKmsKeyIds is set'),
    });
  });
});
