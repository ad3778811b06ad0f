/**
 * Scenarios
 * - Given a control with published and own mappings, then its README has one row per requirement group with the ids and the basis.
 * - Given a framework decided as none, then the row says none and why.
 */
import { encryptionInTransit } from '#shared/controls/encryption-in-transit.ts';
import { defaultSubnetGroup } from '#shared/controls/context/default-subnet-group.ts';
import { controlReadme } from '../../../infra/control-docs.ts';

describe('framework requirements in the control README', () => {
  it('lists each requirement group with its ids and basis', () => {
    // Act
    const readme = controlReadme(encryptionInTransit);
    // Assess
    expect(readme).toContain('## Framework requirements');
    expect(readme).toMatch(/\| PCI DSS v4\.0\.1 \(`pci-dss-4\.0\.1`\) \| 4\.2\.1 \| published: AWS Security Hub CSPM user guide, ElastiCache controls, ElastiCache\.5/);
    expect(readme).toMatch(/\| NIST Cybersecurity Framework 2\.0 \(`nist-csf-2\.0`\) \| PR\.DS-02 \| ours: /);
  });

  it('says none, and why, for a framework without requirements', () => {
    // Act
    const readme = controlReadme(defaultSubnetGroup);
    // Assess
    expect(readme).toMatch(/\| EU DORA, Regulation \(EU\) 2022\/2554 \(`dora`\) \| — \| none: No source maps it/);
  });
});
