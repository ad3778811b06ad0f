import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { autoMinorVersionUpgrade } from '#shared/controls/auto-minor-version-upgrade.ts';

export const handler = createRuleHandler(autoMinorVersionUpgrade);
