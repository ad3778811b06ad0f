// Generated from the control catalog (shared/controls/catalog.ts) by `npm run generate`. Do not edit.
import type { ControlSummary } from './alert-message.ts';

export const controlSummaries: readonly ControlSummary[] = [
  {
    "id": "encryption-in-transit",
    "title": "ElastiCache encrypts traffic in transit (TLS required)",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-in-transit",
    "automatedRemediation": "Moves a replication group whose TLS is on in preferred mode to required mode in place; clients still using plaintext are cut off."
  },
  {
    "id": "encryption-at-rest",
    "title": "ElastiCache encrypts data at rest with a healthy, trusted KMS key",
    "severity": "HIGH",
    "ruleName": "elasticache-encryption-at-rest",
    "automatedRemediation": null
  },
  {
    "id": "automatic-backup",
    "title": "ElastiCache keeps automatic backups long enough",
    "severity": "HIGH",
    "ruleName": "elasticache-automatic-backup",
    "automatedRemediation": "Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime)."
  },
  {
    "id": "subnet-privacy",
    "title": "ElastiCache runs only in private subnets",
    "severity": "HIGH",
    "ruleName": "elasticache-subnet-privacy",
    "automatedRemediation": null
  }
];
