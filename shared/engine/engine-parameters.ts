/** Rule parameters every control accepts, owned by the engine rather than by any one control. */
import { ROLE_NAME_PATTERN } from '../aws/execution-role.ts';
import { booleanParameter, textParameter } from './parameters.ts';

export const ENGINE_PARAMETERS = {
  ExecutionRoleName: textParameter({
    description:
      'Organization mode: name of the role to assume in the evaluated account (the event\'s accountId) for every call, PutEvaluations included. Blank: use the function\'s own role.',
    default: '',
    pattern: ROLE_NAME_PATTERN,
    accepted: 'an IAM role name (1-64 of letters, digits and +=,.@_-), without a path',
  }),
  includeServerlessCaches: booleanParameter({
    description:
      'When "true", serverless caches are listed (DescribeServerlessCaches) and reported as AWS::ElastiCache::ServerlessCache. Set "false" if Config refuses that resource type in your account: the run then fails naming it, after reporting every other resource.',
    default: true,
  }),
};
