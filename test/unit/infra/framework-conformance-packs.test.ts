/**
 * Scenarios
 * - Given a framework, then its pack holds a rule for exactly the controls that map a requirement of it, each rule's
 *   description opening with the framework and those requirement ids, within Config's 256 characters.
 * - Every framework pack fits PutConformancePack's limits and references only parameters it declares.
 */
import { controls } from '#shared/controls/catalog.ts';
import { FRAMEWORK_IDS } from '#shared/frameworks/frameworks.ts';
import { requirementsOf } from '#shared/frameworks/mapping.ts';
import { MAX_PACK_BODY_BYTES, MAX_PACK_PARAMETERS } from '../../../infra/conformance-packs.ts';
import { buildFrameworkConformancePack, frameworkPackPath } from '../../../infra/framework-conformance-packs.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import { logicalIdOf } from '../../../infra/sam-template.ts';

type Template = { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string; Properties: any }> };

describe.each(FRAMEWORK_IDS)('the %s conformance pack', (framework) => {
  const pack = buildFrameworkConformancePack(framework) as Template;

  it('holds a rule for exactly the controls mapping to the framework', () => {
    // Prepare
    const mapped = controls.filter((c) => requirementsOf(c.frameworks, framework).length > 0);
    // Assess
    expect(mapped.length).toBeGreaterThan(0);
    expect(Object.keys(pack.Resources).sort()).toEqual(mapped.map((c) => `${logicalIdOf(c)}Rule`).sort());
    for (const resource of Object.values(pack.Resources)) expect(resource.Type).toBe('AWS::Config::ConfigRule');
  });

  it('opens each rule\'s description with the requirement ids, within 256 characters', () => {
    for (const control of controls.filter((c) => requirementsOf(c.frameworks, framework).length > 0)) {
      const description = pack.Resources[`${logicalIdOf(control)}Rule`]!.Properties.Description as string;
      expect(description).toContain(`${requirementsOf(control.frameworks, framework).join(', ')}: `);
      expect(description.length).toBeLessThanOrEqual(256);
    }
  });

  it('fits the limits of PutConformancePack and references only parameters it declares', () => {
    expect(Buffer.byteLength(generatedFiles()[frameworkPackPath(framework)]!)).toBeLessThanOrEqual(MAX_PACK_BODY_BYTES);
    expect(Object.keys(pack.Parameters).length).toBeLessThanOrEqual(MAX_PACK_PARAMETERS);
    for (const ref of JSON.stringify(pack.Resources).match(/"Ref":"[^"]+"/g) ?? []) {
      const name = ref.slice(7, -1);
      if (!name.startsWith('AWS::')) expect(Object.keys(pack.Parameters)).toContain(name);
    }
  });
});

it('puts PCI DSS 4.2.1 in the description of the encryption-in-transit rule of the PCI pack', () => {
  // Act
  const pack = buildFrameworkConformancePack('pci-dss-4.0.1') as Template;
  // Assess
  expect(pack.Resources.EncryptionInTransitRule!.Properties.Description).toMatch(/^PCI DSS v4\.0\.1 4\.2\.1, 2\.2\.7, 4\.2\.1\.1, 8\.3\.2: Every replication group/);
  expect(pack.Resources.HighAvailabilityRule).toBeUndefined();
});
