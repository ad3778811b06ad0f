import { createRuleHandler } from '#shared/engine/run-rule.ts';
import { engineVersion } from '#shared/controls/engine-version.ts';

export const handler = createRuleHandler(engineVersion);
