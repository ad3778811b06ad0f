/**
 * The compliance frameworks a finding can serve as evidence for, and how each writes its
 * requirement ids where a finding travels (Security Hub's RelatedRequirements, OCSF, SNS).
 */
export const FRAMEWORK_IDS = ['fsbp', 'pci-dss-4.0.1', 'nist-800-53-r5', 'iso-27001-2022', 'soc2', 'nist-csf-2.0', 'dora'] as const;

export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export interface Framework {
  readonly id: FrameworkId;
  /** The framework's name as an auditor knows it, with its version. */
  readonly name: string;
  /**
   * A requirement id as Security Hub writes it in Compliance.RelatedRequirements (for example
   * "NIST.800-53.r5 SC-8", "PCI DSS v4.0.1/4.2.1"); for frameworks Security Hub has no standard
   * for, the framework's short name and the id.
   */
  relatedRequirement(requirementId: string): string;
}

export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = {
  fsbp: {
    id: 'fsbp',
    name: 'AWS Foundational Security Best Practices v1.0.0 (Security Hub control ids)',
    relatedRequirement: (id) => `AWS FSBP ${id}`,
  },
  'pci-dss-4.0.1': {
    id: 'pci-dss-4.0.1',
    name: 'PCI DSS v4.0.1',
    relatedRequirement: (id) => `PCI DSS v4.0.1/${id}`,
  },
  'nist-800-53-r5': {
    id: 'nist-800-53-r5',
    name: 'NIST SP 800-53 Rev. 5',
    relatedRequirement: (id) => `NIST.800-53.r5 ${id}`,
  },
  'iso-27001-2022': {
    id: 'iso-27001-2022',
    name: 'ISO/IEC 27001:2022 Annex A',
    relatedRequirement: (id) => `ISO/IEC 27001:2022 ${id}`,
  },
  soc2: {
    id: 'soc2',
    name: 'SOC 2 (AICPA 2017 Trust Services Criteria)',
    relatedRequirement: (id) => `SOC 2 ${id}`,
  },
  'nist-csf-2.0': {
    id: 'nist-csf-2.0',
    name: 'NIST Cybersecurity Framework 2.0',
    relatedRequirement: (id) => `NIST CSF 2.0 ${id}`,
  },
  dora: {
    id: 'dora',
    name: 'EU DORA, Regulation (EU) 2022/2554',
    relatedRequirement: (id) => `DORA ${id}`,
  },
};

export function isFrameworkId(value: string): value is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(value);
}
