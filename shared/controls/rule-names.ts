/**
 * How the package's Config rules are named, in a module of its own so that the notifier can match
 * rule names without importing the catalog (and with it every control's AWS clients).
 */

/** Config rule names carry this prefix so that alerts can recognise the package's rules. */
export const RULE_NAME_PREFIX = 'elasticache-';

/** AWS Config names an organization rule `OrgConfigRule-<name>-<suffix>` in each member account. */
export const ORGANIZATION_RULE_PREFIX = 'OrgConfigRule-';
