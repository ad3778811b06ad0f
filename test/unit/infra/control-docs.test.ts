/**
 * What the READMEs say about the controls, checked against the catalog so that it cannot drift.
 *
 * Scenarios
 * - Given each control, then its README names exactly the resource types the control declares, with
 *   the template parameter of each of its parameters, and the declared types cover every type a
 *   verdict is reported under (a scan of a group, a standalone cluster and a serverless cache).
 * - Given every `Name=value` a generated README asks the reader to set, then Name is a parameter of
 *   template.yaml.
 * - Given the main README, then its control table lists exactly the catalog's controls, in order,
 *   with their parameters; its deployment parameter table names only template parameters and every
 *   template parameter apart from the remediation parts' (documented by the remediation section).
 * - Given any control's limitations, then none restates what the generated sections already say
 *   (which types are listed, when the rule runs): a fixed limitation cannot stay documented.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { controls } from '#shared/controls/context/catalog.ts';
import type { ParameterSpecs } from '#shared/engine/parameters.ts';
import { CACHE_RESOURCE_TYPES } from '#shared/inventory/cache-resource.ts';
import { SNAPSHOT_INVENTORY } from '#shared/inventory/snapshots.ts';
import { CONTROLS_BEGIN, CONTROLS_END, controlReadme } from '../../../infra/control-docs.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import { buildSamTemplate, templateParameterOf } from '../../../infra/sam-template.ts';
import { remediationParameters } from '../../../infra/template/remediation-resources.ts';
import { parseScanOptions } from '../../../scan/options.ts';
import { runScan } from '../../../scan/run-scan.ts';
import { cacheClusterFixture, kmsKeyMetadataFixture, serverlessCacheFixture } from '../../support/fixtures.ts';
import { givenEstate, givenNetwork, kms, replicationGroup, serverlessCache, standaloneCluster, sts, useMockedAws } from '../../support/run-rule-harness.ts';

useMockedAws();

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const templateParameters = Object.keys((buildSamTemplate() as { Parameters: Record<string, unknown> }).Parameters);

describe.each(controls.map((control) => [control.id, control] as const))('the README of %s', (_id, control) => {
  const text = controlReadme(control);

  it('names exactly the resource types the control declares', () => {
    const named = new Set(text.match(/AWS::ElastiCache::\w+/g));
    // Remediation documents name the type they act on; the types reported are in the Verdicts section.
    const verdicts = text.slice(text.indexOf('## Verdicts'), text.indexOf('## Parameters'));
    expect(new Set(verdicts.match(/`AWS::ElastiCache::\w+`/g)?.map((t) => t.slice(1, -1)))).toEqual(new Set(control.resourceTypes));
    for (const type of control.resourceTypes) expect(named).toContain(type);
  });

  it('gives each parameter its template parameter', () => {
    for (const name of Object.keys(control.parameters as ParameterSpecs)) {
      expect(text).toContain(`| \`${name}\` | \`${templateParameterOf(control, name)}\` |`);
    }
  });

  it('asks the reader to set only parameters the template has', () => {
    for (const [, name] of text.matchAll(/`([A-Z]\w+)=[^`]*`/g)) expect(templateParameters).toContain(name);
  });

  it('states no limitation that the generated sections already cover', () => {
    for (const limit of control.limitations) expect(limit).not.toMatch(/inventor|periodic run|next run|recorded by Config|not yet/i);
  });
});

describe('declared resource types', () => {
  it('cover every type a verdict is reported under', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: kmsKeyMetadataFixture() });
    givenEstate(replicationGroup('orders'), standaloneCluster(cacheClusterFixture()), serverlessCache(serverlessCacheFixture()));
    givenNetwork();
    const result = await runScan(parseScanOptions(['--region', 'eu-west-1'], controls));

    // Every kind the inventory lists came back (some controls' contexts are not mocked here and fail).
    expect(new Set([...result.findings].map((f) => f.resourceType))).toEqual(new Set(CACHE_RESOURCE_TYPES));
    for (const finding of result.findings) {
      expect(controls.find((c) => c.id === finding.control)!.resourceTypes).toContain(finding.resourceType);
    }
  });
});

describe('the main README', () => {
  const generated = readme.slice(readme.indexOf(CONTROLS_BEGIN), readme.indexOf(CONTROLS_END));

  it('names every type the inventory lists where it says how resources are reported', () => {
    const section = readme.slice(readme.indexOf('### How resources are reported'), readme.indexOf('### What every run does'));
    expect(new Set(section.match(/AWS::ElastiCache::\w+/g))).toEqual(new Set([...CACHE_RESOURCE_TYPES, ...SNAPSHOT_INVENTORY.resourceTypes]));
  });

  it('is what `npm run generate` writes', () => {
    expect(readme).toBe(generatedFiles()['README.md']);
  });

  it('lists exactly the catalog controls, in order, with their parameters', () => {
    const rows = [...generated.matchAll(/^\| \[`([a-z0-9-]+)`\]\(functions\/\1\/README\.md\) \| [^|]+ \| (.+) \|$/gm)];
    expect(rows.map(([, id]) => id)).toEqual(controls.map((c) => c.id));
    for (const [, id, parameters] of rows) {
      const control = controls.find((c) => c.id === id)!;
      expect([...parameters!.matchAll(/`(\w+)` \(/g)].map(([, name]) => name)).toEqual(Object.keys(control.parameters as ParameterSpecs));
    }
  });

  it('documents exactly the template parameters in its deployment table', () => {
    const table = readme.slice(readme.indexOf('| parameter | default | meaning |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const named = rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/`([A-Za-z<>]+)`/g)].map(([, name]) => name!));
    const perControl = controls.flatMap((c) => Object.keys(c.parameters as ParameterSpecs).map((name) => templateParameterOf(c, name)));
    for (const name of named.filter((n) => n !== '<Control><Parameter>')) expect(templateParameters).toContain(name);
    expect(named).toContain('<Control><Parameter>');
    // The remediation parts' parameters belong to the remediation section, regenerated with it.
    const remediation = new Set(Object.keys(remediationParameters() as Record<string, unknown>));
    const undocumented = templateParameters.filter((p) => !named.includes(p) && !perControl.includes(p) && !remediation.has(p));
    expect(undocumented).toEqual([]);
  });
});
