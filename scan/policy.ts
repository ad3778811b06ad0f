/**
 * The IAM policy a scan needs, generated from the catalog: every action the selected controls'
 * rules use (iamActionsOf) except AWS Config's, since a scan reports to the terminal and never to
 * Config, plus ec2:DescribeRegions for --region all. Everything left is a read.
 */
import { iamActionsOf } from '#shared/controls/catalog.ts';
import type { Control } from '#shared/engine/control.ts';

/** Used only by the scan itself (sts:GetCallerIdentity needs no permission, so it is not listed). */
const SCAN_ACTIONS = ['ec2:DescribeRegions'];

export function scanActions(controls: readonly Control<any, any>[]): string[] {
  const actions = new Set<string>(SCAN_ACTIONS);
  for (const control of controls) {
    for (const action of iamActionsOf(control)) if (!action.startsWith('config:')) actions.add(action);
  }
  return [...actions].sort();
}

/**
 * With --security-hub, the one write the scan makes: importing findings through the account's
 * default product (the finding's ProductArn), in any Region.
 */
const SECURITY_HUB_IMPORT = {
  Sid: 'ElastiCacheConfigRulesSecurityHubImport',
  Effect: 'Allow',
  Action: ['securityhub:BatchImportFindings'],
  Resource: 'arn:aws:securityhub:*:*:product/*/default',
};

export function scanPolicy(controls: readonly Control<any, any>[], options: { securityHub?: boolean } = {}): object {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ElastiCacheConfigRulesScanReadOnly', Effect: 'Allow', Action: scanActions(controls), Resource: '*' },
      ...(options.securityHub ? [SECURITY_HUB_IMPORT] : []),
    ],
  };
}
