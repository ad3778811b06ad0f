/** The detector's settings, read from its environment and the invocation's function ARN. */
import { DetectorConfigurationError, detectorSettings } from '#shared/detection/handler.ts';

const ARN = 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:stack-ChangeDetectorFunction-AbC';
const ENV = {
  CHANGE_QUEUE_URL: 'https://sqs.us-gov-west-1.amazonaws.com/123456789012/stack-ChangeQueue-1A2B',
  FAILED_RUN_QUEUE_URL: 'https://sqs.us-gov-west-1.amazonaws.com/123456789012/stack-FailedRunQueue-3C4D',
  RULE_NAMING: 'prefix',
  MEMBER_ROLE_NAME: '',
  AWS_REGION: 'us-gov-west-1',
};

describe('detectorSettings', () => {
  it('takes the account and partition from the function ARN, and a blank member role as single-account', () => {
    // Act
    const settings = detectorSettings(ENV, { invokedFunctionArn: ARN });
    // Assess
    expect(settings).toMatchObject({ accountId: '123456789012', partition: 'aws-us-gov', region: 'us-gov-west-1', memberRoleName: undefined, ruleNaming: 'prefix' });
  });

  it('reads the member role name in organization mode', () => {
    // Assess
    expect(detectorSettings({ ...ENV, MEMBER_ROLE_NAME: 'elasticache-config-rules-member' }, { invokedFunctionArn: ARN }).memberRoleName).toBe('elasticache-config-rules-member');
  });

  it.each([
    [{ CHANGE_QUEUE_URL: 'change-queue' }, 'Environment variable CHANGE_QUEUE_URL "change-queue" is not an SQS queue URL.'],
    [{ FAILED_RUN_QUEUE_URL: undefined }, 'Environment variable FAILED_RUN_QUEUE_URL undefined is not an SQS queue URL.'],
    [{ RULE_NAMING: 'all' }, 'Environment variable RULE_NAMING is "all"; use "stack" or "prefix".'],
    [{ MEMBER_ROLE_NAME: 'role/with/path' }, 'Environment variable MEMBER_ROLE_NAME "role/with/path" is not an IAM role name.'],
  ])('refuses %p, naming the variable', (override, message) => {
    // Act and assess
    expect(() => detectorSettings({ ...ENV, ...override }, { invokedFunctionArn: ARN })).toThrow(new DetectorConfigurationError(message));
  });

  it('refuses a context without a function ARN', () => {
    // Act and assess
    expect(() => detectorSettings(ENV, { invokedFunctionArn: 'local' })).toThrow('The invoked function ARN "local" is not a Lambda function ARN.');
  });
});
