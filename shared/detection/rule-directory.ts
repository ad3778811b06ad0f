/**
 * Which Config rules of an account run which control. Rule names are the only link: the stack names
 * its rules `elasticache-<control>`, a conformance pack renames them `elasticache-<control>-conformance-pack-<suffix>`
 * and an organization pack `OrgConfigRule-elasticache-<control>-<suffix>`. So the detector lists the
 * account's rules (DescribeConfigRules, paged, once per account per invocation: rules come and go
 * with stacks and packs, and a cached list would start deleted rules or miss new ones) and matches
 * their names to the control ids.
 */
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import type { AwsSession } from '../aws/session.ts';
import { ORGANIZATION_RULE_PREFIX, RULE_NAME_PREFIX } from '../controls/rule-names.ts';

/**
 * `stack`: only the stack's own rules (exact names), which are all its role may start when it
 * deploys them. `prefix`: also conformance pack and organization rules, found by name prefix.
 */
export type RuleNaming = 'stack' | 'prefix';

export interface DeployedRule {
  name: string;
  arn: string | undefined;
  controlId: string;
  /** ACTIVE, EVALUATING, DELETING or DELETING_RESULTS (ConfigRuleState). */
  state: string | undefined;
}

/**
 * The control a rule name runs, or undefined. The longest control id wins, so a control whose id
 * extends another's (say `engine` and `engine-version`) is never mistaken for it.
 */
export function controlIdOfRule(ruleName: string, controlIds: readonly string[], naming: RuleNaming): string | undefined {
  if (naming === 'stack') return controlIds.find((id) => ruleName === `${RULE_NAME_PREFIX}${id}`);
  const name = ruleName.startsWith(ORGANIZATION_RULE_PREFIX) ? ruleName.slice(ORGANIZATION_RULE_PREFIX.length) : ruleName;
  return controlIds
    .filter((id) => name === `${RULE_NAME_PREFIX}${id}` || name.startsWith(`${RULE_NAME_PREFIX}${id}-`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Every rule of the session's account and Region that runs one of the controls. */
export async function deployedRules(session: AwsSession, controlIds: readonly string[], naming: RuleNaming): Promise<DeployedRule[]> {
  const rules: DeployedRule[] = [];
  let nextToken: string | undefined;
  do {
    const page = await session.client(ConfigServiceClient).send(new DescribeConfigRulesCommand(nextToken ? { NextToken: nextToken } : {}));
    for (const rule of page.ConfigRules ?? []) {
      const controlId = rule.ConfigRuleName ? controlIdOfRule(rule.ConfigRuleName, controlIds, naming) : undefined;
      // A rule being deleted cannot be started and has nothing left to evaluate.
      if (!controlId || !rule.ConfigRuleName || rule.ConfigRuleState?.startsWith('DELETING')) continue;
      rules.push({ name: rule.ConfigRuleName, arn: rule.ConfigRuleArn, controlId, state: rule.ConfigRuleState });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return rules;
}
