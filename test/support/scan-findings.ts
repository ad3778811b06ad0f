/**
 * One scan finding for the report, evidence and spool tests: a compliant TLS finding on replication
 * group orders in eu-west-1 of account 111122223333, with any field overridden.
 */
import type { Finding } from '../../scan/findings.ts';

export const SCAN_ACCOUNT = '111122223333';

export const scanFinding = (overrides: Partial<Finding> = {}): Finding => ({
  account: SCAN_ACCOUNT,
  region: 'eu-west-1',
  resourceType: 'AWS::ElastiCache::ReplicationGroup',
  resourceId: 'orders',
  arn: `arn:aws:elasticache:eu-west-1:${SCAN_ACCOUNT}:replicationgroup:orders`,
  control: 'encryption-in-transit',
  severity: 'HIGH',
  compliance: 'COMPLIANT',
  annotation: 'TLS is on in required mode: plaintext connections are refused.',
  ...overrides,
});
