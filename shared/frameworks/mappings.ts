/**
 * The framework mapping of every control, in one place: adding a control's mapping is adding its
 * entry here (and `frameworks: frameworkMappingOf('<id>')` in its shared/controls/<id>.ts). The
 * completeness test names any control or framework without a decision.
 *
 * Published ids are copied as their source writes them; where Prowler numbers its own sub-entries
 * of a PCI requirement (4.2.1.1.12 = entry 12 under 4.2.1.1), the requirement itself is given and
 * the source names Prowler's entry. Prowler's "NIST CSF 2.0" file uses CSF 1.1 ids (PR.DS-1,
 * PR.IP-4), which do not exist in CSF 2.0, so our CSF 2.0 ids are all `ours`.
 */
import type { ControlFrameworks } from './mapping.ts';

const SECURITY_HUB = (control: string): string =>
  `AWS Security Hub CSPM user guide, ElastiCache controls, ${control} "Related requirements"`;
const PROWLER = (file: string, check: string, entries?: string): string =>
  `Prowler prowler/compliance/aws/${file} @3e000faa, check ${check}${entries ? ` (Prowler entries ${entries})` : ''}`;
const NO_SECURITY_HUB_CONTROL = { none: 'No Security Hub control checks this; Security Hub has ElastiCache.1–.7 only.' } as const;

export const FRAMEWORK_MAPPINGS: Readonly<Record<string, ControlFrameworks>> = {
  'encryption-in-transit': {
    fsbp: [{ requirements: ['ElastiCache.5'], basis: { published: SECURITY_HUB('ElastiCache.5') } }],
    'pci-dss-4.0.1': [
      { requirements: ['4.2.1'], basis: { published: SECURITY_HUB('ElastiCache.5') } },
      {
        requirements: ['2.2.7', '4.2.1', '4.2.1.1', '8.3.2'],
        basis: { published: PROWLER('pci_4.0_aws.json', 'elasticache_redis_cluster_in_transit_encryption_enabled', '2.2.7.8, 4.2.1.8, 4.2.1.1.12, 8.3.2.26') },
      },
    ],
    'nist-800-53-r5': [
      {
        requirements: ['AC-17(2)', 'AC-4', 'IA-5(1)', 'SC-12(3)', 'SC-13', 'SC-23', 'SC-23(3)', 'SC-7(4)', 'SC-8', 'SC-8(1)', 'SC-8(2)', 'SI-7(6)'],
        basis: { published: SECURITY_HUB('ElastiCache.5') },
      },
    ],
    'iso-27001-2022': [{ requirements: ['A.8.11', 'A.8.24'], basis: { published: PROWLER('iso27001_2022_aws.json', 'elasticache_redis_cluster_in_transit_encryption_enabled') } }],
    soc2: [{ requirements: ['CC6.7'], basis: { published: PROWLER('soc2_aws.json', 'elasticache_redis_cluster_in_transit_encryption_enabled', 'cc_6_7') } }],
    'nist-csf-2.0': [{ requirements: ['PR.DS-02'], basis: { ours: 'CSF 2.0 data-in-transit protection; Prowler maps this check to PR.DS-2, the CSF 1.1 id of the same outcome.' } }],
    dora: [{ requirements: ['Article 9(2)', 'Article 9(3)(a)'], basis: { ours: 'DORA requires confidentiality of data in transit (9(2)) and security of the means to transfer data (9(3)(a)); TLS required is that evidence.' } }],
  },
  'encryption-at-rest': {
    fsbp: [{ requirements: ['ElastiCache.4'], basis: { published: SECURITY_HUB('ElastiCache.4') } }],
    'pci-dss-4.0.1': [
      { requirements: ['3.5.1', '8.3.2'], basis: { published: PROWLER('pci_4.0_aws.json', 'elasticache_redis_cluster_rest_encryption_enabled', '3.5.1.18, 8.3.2.25') } },
    ],
    'nist-800-53-r5': [
      { requirements: ['CA-9(1)', 'CM-3(6)', 'SC-13', 'SC-28', 'SC-28(1)', 'SC-7(10)', 'SI-7(6)'], basis: { published: SECURITY_HUB('ElastiCache.4') } },
    ],
    'iso-27001-2022': [{ requirements: ['A.8.11', 'A.8.24'], basis: { published: PROWLER('iso27001_2022_aws.json', 'elasticache_redis_cluster_rest_encryption_enabled') } }],
    soc2: [{ requirements: ['CC6.1'], basis: { ours: 'CC6.1 logical access security includes using encryption to protect data at rest; no source maps an ElastiCache check to SOC 2.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.DS-01'], basis: { ours: 'CSF 2.0 data-at-rest protection; Prowler maps this check to PR.DS-1, the CSF 1.1 id of the same outcome.' } }],
    dora: [{ requirements: ['Article 9(2)', 'Article 9(4)(d)'], basis: { ours: 'DORA requires confidentiality of data at rest (9(2)) and protection of the cryptographic keys that encrypt data (9(4)(d)), which the key checks show.' } }],
  },
  'automatic-backup': {
    fsbp: [{ requirements: ['ElastiCache.1'], basis: { published: SECURITY_HUB('ElastiCache.1') } }],
    'pci-dss-4.0.1': [{ requirements: ['10.3.3'], basis: { published: PROWLER('pci_4.0_aws.json', 'elasticache_redis_cluster_backup_enabled', '10.3.3.17') } }],
    'nist-800-53-r5': [
      { requirements: ['CP-10', 'CP-6', 'CP-6(1)', 'CP-6(2)', 'CP-9', 'SC-5(2)', 'SI-12', 'SI-13(5)'], basis: { published: SECURITY_HUB('ElastiCache.1') } },
    ],
    'iso-27001-2022': [{ requirements: ['A.8.13'], basis: { ours: 'A.8.13 Information backup; no source maps an ElastiCache check to ISO 27001:2022 for backups.' } }],
    soc2: [{ requirements: ['A1.2'], basis: { ours: 'A1.2 covers data back-up processes and recovery infrastructure; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.DS-11'], basis: { ours: 'CSF 2.0 "backups of data are created, protected, maintained, and tested"; Prowler maps this check to PR.IP-4, the CSF 1.1 backup id.' } }],
    dora: [{ requirements: ['Article 12(1)(a)'], basis: { ours: 'DORA requires backup policies and procedures (12(1)(a)); retained automatic snapshots are the evidence for a cache.' } }],
  },
  'subnet-privacy': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [
      { requirements: ['1.3.1', '1.3.2', '1.4.1', '1.4.4'], basis: { published: PROWLER('pci_4.0_aws.json', 'elasticache_cluster_uses_public_subnet', '1.3.1.14, 1.3.2.14, 1.4.1.3, 1.4.4.3') } },
    ],
    'nist-800-53-r5': [{ requirements: ['AC-4', 'SC-7'], basis: { ours: 'Boundary protection and information flow: by analogy with Security Hub ElastiCache.7, whose list starts with AC-4 and SC-7.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.20', 'A.8.22'], basis: { ours: 'Networks security and segregation: by analogy with Prowler\'s vpc_subnet_separate_private_public mapping.' } }],
    soc2: [{ requirements: ['CC6.6'], basis: { ours: 'CC6.6 protects against threats from outside system boundaries: by analogy with Prowler\'s vpc_subnet_separate_private_public mapping.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.IR-01'], basis: { ours: 'CSF 2.0 "networks and environments are protected from unauthorized logical access"; a cache with no internet route is that evidence.' } }],
    dora: [{ requirements: ['Article 9(4)(b)'], basis: { ours: 'DORA requires a sound network and infrastructure management structure (9(4)(b)); private subnets are part of it.' } }],
  },
  authentication: {
    fsbp: [{ requirements: ['ElastiCache.6'], basis: { published: SECURITY_HUB('ElastiCache.6') } }],
    'pci-dss-4.0.1': [{ requirements: ['8.3.1'], basis: { published: SECURITY_HUB('ElastiCache.6') } }],
    'nist-800-53-r5': [{ requirements: ['AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-6'], basis: { published: SECURITY_HUB('ElastiCache.6') } }],
    'iso-27001-2022': [{ requirements: ['A.5.17', 'A.8.5'], basis: { ours: 'Authentication information and secure authentication; no source maps an ElastiCache check to ISO 27001:2022 for AUTH/RBAC.' } }],
    soc2: [{ requirements: ['CC6.1'], basis: { ours: 'CC6.1 logical access security includes authenticating users before access; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.AA-03'], basis: { ours: 'CSF 2.0 "users, services, and hardware are authenticated"; no source maps it.' } }],
    dora: [{ requirements: ['Article 9(4)(c)', 'Article 9(4)(d)'], basis: { ours: 'DORA requires access limited to approved functions (9(4)(c)) and strong authentication mechanisms (9(4)(d)).' } }],
  },
  'security-group-exposure': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [{ requirements: ['1.3.1', '1.4.2'], basis: { ours: 'Inbound traffic to the cardholder data environment restricted: by analogy with Prowler\'s ec2_securitygroup_allow_ingress_from_internet_to_any_port mapping.' } }],
    'nist-800-53-r5': [
      { requirements: ['AC-4', 'AC-4(21)', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(21)', 'SC-7(4)', 'SC-7(5)'], basis: { ours: 'By analogy with Security Hub EC2.18 (security groups allow unrestricted traffic only on authorized ports), whose related requirements these are.' } },
    ],
    'iso-27001-2022': [{ requirements: ['A.8.20', 'A.8.21', 'A.8.22'], basis: { ours: 'Prowler maps these to its checks of internet ingress to ports 6379 and 11211, the cache ports this control also judges; the checks are EC2 checks, not ours.' } }],
    soc2: [{ requirements: ['CC6.6'], basis: { ours: 'Prowler maps CC6.6 to its checks of internet ingress to ports 6379 and 11211, the cache ports this control also judges.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.IR-01'], basis: { ours: 'CSF 2.0 "networks and environments are protected from unauthorized logical access"; no source maps it.' } }],
    dora: [{ requirements: ['Article 9(4)(c)'], basis: { ours: 'DORA requires logical access limited to what approved functions need (9(4)(c)); a cache port open to the internet is the opposite.' } }],
  },
  'default-subnet-group': {
    fsbp: [{ requirements: ['ElastiCache.7'], basis: { published: SECURITY_HUB('ElastiCache.7') } }],
    'pci-dss-4.0.1': { none: 'Prowler attaches PCI 1.3.1–1.4.4 to its public-subnet check (see subnet-privacy); no source maps the default subnet group itself.' },
    'nist-800-53-r5': [
      { requirements: ['AC-4', 'AC-4(21)', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(21)', 'SC-7(4)', 'SC-7(5)'], basis: { published: SECURITY_HUB('ElastiCache.7') } },
    ],
    'iso-27001-2022': [{ requirements: ['A.8.22'], basis: { ours: 'Segregation of networks: a dedicated subnet group keeps the cache out of the default VPC\'s shared subnets.' } }],
    soc2: { none: 'No source maps it, and the default subnet group alone shows no boundary weakness SOC 2 names.' },
    'nist-csf-2.0': { none: 'No source maps it; the exposure itself is judged by subnet-privacy and security-group-exposure.' },
    dora: { none: 'No source maps it; the exposure itself is judged by subnet-privacy and security-group-exposure.' },
  },
  'high-availability': {
    fsbp: [{ requirements: ['ElastiCache.3'], basis: { published: SECURITY_HUB('ElastiCache.3') } }],
    'pci-dss-4.0.1': { none: 'No source maps availability of a cache to PCI DSS.' },
    'nist-800-53-r5': [{ requirements: ['CP-10', 'SC-36', 'SC-5(2)', 'SI-13(5)'], basis: { published: SECURITY_HUB('ElastiCache.3') } }],
    'iso-27001-2022': [
      { requirements: ['A.8.14'], basis: { published: PROWLER('iso27001_2022_aws.json', 'elasticache_redis_cluster_automatic_failover_enabled and elasticache_redis_cluster_multi_az_enabled') } },
    ],
    soc2: [{ requirements: ['A1.2'], basis: { ours: 'A1.2 covers recovery infrastructure; replicas with automatic failover across zones are that infrastructure for a cache.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.IR-03'], basis: { ours: 'CSF 2.0 "mechanisms are implemented to achieve resilience requirements"; no source maps it.' } }],
    dora: [{ requirements: ['Article 9(2)'], basis: { ours: 'DORA requires tools that ensure the resilience, continuity and availability of ICT systems (9(2)).' } }],
  },
  'auto-minor-version-upgrade': {
    fsbp: [{ requirements: ['ElastiCache.2'], basis: { published: SECURITY_HUB('ElastiCache.2') } }],
    'pci-dss-4.0.1': [
      { requirements: ['6.3.3'], basis: { published: SECURITY_HUB('ElastiCache.2') } },
      { requirements: ['6.3.3'], basis: { published: PROWLER('pci_4.0_aws.json', 'elasticache_redis_cluster_auto_minor_version_upgrades', '6.3.3.6') } },
    ],
    'nist-800-53-r5': [{ requirements: ['SI-2', 'SI-2(2)', 'SI-2(4)', 'SI-2(5)'], basis: { published: SECURITY_HUB('ElastiCache.2') } }],
    'iso-27001-2022': [{ requirements: ['A.8.8'], basis: { ours: 'Management of technical vulnerabilities: minor engine versions carry security fixes; no source maps it.' } }],
    soc2: [{ requirements: ['CC7.1'], basis: { ours: 'CC7.1 covers detecting and acting on vulnerabilities; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.PS-02'], basis: { ours: 'CSF 2.0 "software is maintained, replaced, and removed commensurate with risk"; no source maps it.' } }],
    dora: [{ requirements: ['Article 9(4)(f)'], basis: { ours: 'DORA requires documented policies for patches and updates (9(4)(f)); automatic minor upgrades apply them.' } }],
  },
  'engine-version': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [{ requirements: ['6.3.3'], basis: { ours: 'Components protected by installing applicable patches: by analogy with Prowler\'s eks_cluster_uses_a_supported_version mapping.' } }],
    'nist-800-53-r5': [{ requirements: ['SI-2'], basis: { ours: 'Flaw remediation: by analogy with Security Hub EKS.2 (supported Kubernetes version), whose list includes SI-2.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.8'], basis: { ours: 'Management of technical vulnerabilities: an engine past its end of support gets no fixes; no source maps it.' } }],
    soc2: { none: 'No source maps engine support status to SOC 2.' },
    'nist-csf-2.0': [{ requirements: ['PR.PS-02'], basis: { ours: 'CSF 2.0 "software is maintained, replaced, and removed commensurate with risk"; an unsupported engine is the case it names.' } }],
    dora: [{ requirements: ['Article 9(4)(f)'], basis: { ours: 'DORA requires documented policies for patches and updates (9(4)(f)); an unsupported engine receives none.' } }],
  },
  'log-delivery': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [{ requirements: ['10.2.1'], basis: { ours: 'Audit logs enabled: by analogy with Security Hub RDS.9 (database logs to CloudWatch Logs), which lists PCI DSS v4.0.1/10.2.1.' } }],
    'nist-800-53-r5': [{ requirements: ['AU-2', 'AU-12'], basis: { ours: 'Event logging and audit record generation: by analogy with Security Hub RDS.9, whose list includes AU-2 and AU-12.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.15'], basis: { ours: 'Logging: by analogy with Prowler\'s rds_instance_integration_cloudwatch_logs mapping.' } }],
    soc2: [{ requirements: ['CC7.2'], basis: { ours: 'CC7.2 monitors system components for anomalies: by analogy with Prowler\'s rds_instance_integration_cloudwatch_logs mapping.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.PS-04'], basis: { ours: 'CSF 2.0 "log records are generated and made available for continuous monitoring"; no source maps it.' } }],
    dora: [{ requirements: ['Article 10(1)'], basis: { ours: 'DORA requires mechanisms to promptly detect anomalous activities (10(1)); delivered engine logs feed them.' } }],
  },
  'event-notifications': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': { none: 'No source maps cache event notifications to PCI DSS.' },
    'nist-800-53-r5': [{ requirements: ['CA-7'], basis: { ours: 'Continuous monitoring: by analogy with Security Hub RDS.20 (event notifications for instances), whose list includes CA-7.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.16'], basis: { ours: 'Monitoring activities: failover, node replacement and maintenance events reach a team; no source maps it.' } }],
    soc2: [{ requirements: ['CC7.2'], basis: { ours: 'CC7.2 monitors system components for anomalies; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['DE.CM-09'], basis: { ours: 'CSF 2.0 "computing hardware and software, runtime environments, and their data are monitored"; no source maps it.' } }],
    dora: [{ requirements: ['Article 10(1)'], basis: { ours: 'DORA requires mechanisms to promptly detect anomalous activities (10(1)); cache events are one.' } }],
  },
  'snapshot-encryption': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [{ requirements: ['3.5.1'], basis: { ours: 'Stored account data rendered unreadable (3.5.1) covers every copy of it, and a snapshot is a full copy of the cache; no source maps a snapshot check.' } }],
    'nist-800-53-r5': [{ requirements: ['SC-28', 'SC-28(1)'], basis: { ours: 'Protection of information at rest by cryptography, applied to the cache\'s snapshots; by analogy with Security Hub ElastiCache.4.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.24'], basis: { ours: 'Use of cryptography, applied to backup copies; by analogy with Prowler\'s at-rest encryption mapping.' } }],
    soc2: [{ requirements: ['CC6.1'], basis: { ours: 'CC6.1 logical access security includes encrypting data at rest, backups included; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.DS-11'], basis: { ours: 'CSF 2.0 "backups of data are created, protected, maintained, and tested": an encrypted snapshot is a protected backup.' } }],
    dora: [{ requirements: ['Article 9(2)'], basis: { ours: 'DORA requires confidentiality of data at rest (9(2)); a snapshot is data at rest that outlives its cache.' } }],
  },
  'snapshot-retention': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': [{ requirements: ['3.2.1'], basis: { ours: 'Account data storage kept to a minimum by retention and disposal (3.2.1): old and orphaned manual snapshots are stored copies past their need; no source maps a snapshot check.' } }],
    'nist-800-53-r5': [{ requirements: ['SI-12'], basis: { ours: 'Information management and retention: copies are kept no longer than needed; no source maps a snapshot check.' } }],
    'iso-27001-2022': [{ requirements: ['A.8.10'], basis: { ours: 'Information deletion: copies no longer required are deleted; no source maps it.' } }],
    soc2: [{ requirements: ['C1.2'], basis: { ours: 'C1.2 disposes of confidential information when no longer needed; no source maps it.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.DS-01'], basis: { ours: 'CSF 2.0 data-at-rest protection, which includes not keeping copies past need; no source maps it.' } }],
    dora: { none: 'DORA asks for backups and their restoration (Article 12), not for deleting old copies; data minimisation is a PCI DSS and privacy matter.' },
  },
  'cross-region-recovery': {
    fsbp: NO_SECURITY_HUB_CONTROL,
    'pci-dss-4.0.1': { none: 'PCI DSS protects account data; it sets no requirement for recovery across Regions.' },
    'nist-800-53-r5': [{ requirements: ['CP-6', 'CP-6(1)', 'CP-7'], basis: { ours: 'Alternate storage and processing site, separated from the primary: a secondary in another Region is one; no source maps it.' } }],
    'iso-27001-2022': [{ requirements: ['A.5.30', 'A.8.14'], basis: { ours: 'ICT readiness for business continuity and redundancy of information processing facilities; no source maps it.' } }],
    soc2: [{ requirements: ['A1.2'], basis: { ours: 'A1.2 covers recovery infrastructure; a global datastore is that infrastructure for a cache.' } }],
    'nist-csf-2.0': [{ requirements: ['PR.IR-03'], basis: { ours: 'CSF 2.0 "mechanisms are implemented to achieve resilience requirements in normal and adverse situations"; no source maps it.' } }],
    dora: [{ requirements: ['Article 12(4)'], basis: { ours: 'DORA requires redundant ICT capacities for business continuity (12(4)); a secondary in another Region is that capacity for critical cache data. No source maps it.' } }],
  },
};

/** A control's mapping; a control without an entry gets no decision, which the completeness test reports. */
export function frameworkMappingOf(controlId: string): Partial<ControlFrameworks> {
  return FRAMEWORK_MAPPINGS[controlId] ?? {};
}
