/**
 * The CloudFormation Lambda hook's handler, with the request shapes of the CloudFormation Hooks User
 * Guide ("Create Lambda functions to evaluate resources for Lambda Hooks", resource operations).
 *
 * Scenarios
 * - Given CREATE_PRE_PROVISION of a replication group that fails controls, then FAILED + NonCompliant
 *   naming each failed control, the request token echoed, and the whole verdict logged.
 * - Given UPDATE_PRE_PROVISION of a hardened replication group (previousResourceProperties present),
 *   then SUCCESS, naming what is left to the deployed rules (a security group defined elsewhere).
 * - Given a resource type the hook does not judge, or a deletion, then SUCCESS saying so.
 * - Given malformed input (not an object, no requestData, an unknown invocation point, no
 *   resourceProperties) or bad HOOK_PARAMETERS, then FAILED + InternalFailure, never a pass.
 * - Given HOOK_PARAMETERS, then the controls judge with them, as the rules do.
 */
import { createHookHandler, MAX_HOOK_MESSAGE, type HookResponse } from '#shared/template/hook-handler.ts';

/** The documented request of a resource operation, for an ElastiCache replication group. */
function request(invocationPoint: string, targetName: string, resourceProperties: unknown, previousResourceProperties?: unknown): Record<string, unknown> {
  return {
    clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    awsAccountId: '123456789012',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/orders/1a2345b6-0000-00a0-a123-00abc0abc000',
    changeSetId: null,
    hookTypeName: 'Private::ElastiCache::ConfigRulesHook',
    hookTypeVersion: '00000001',
    hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:elasticache-hook' },
    actionInvocationPoint: invocationPoint,
    requestData: {
      targetName,
      targetType: targetName,
      targetLogicalId: 'OrdersCache',
      targetModel: { resourceProperties, ...(previousResourceProperties ? { previousResourceProperties } : {}) },
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

const WEAK = {
  ReplicationGroupDescription: 'orders',
  Engine: 'redis',
  EngineVersion: '7.1',
  CacheNodeType: 'cache.r7g.large',
  TransitEncryptionEnabled: 'false',
  CacheSubnetGroupName: 'orders-private',
  SecurityGroupIds: ['sg-0123456789abcdef0'],
};

// CloudFormation hands resolved properties: booleans and numbers arrive as strings.
const HARDENED = {
  ...WEAK,
  TransitEncryptionEnabled: 'true',
  AtRestEncryptionEnabled: 'true',
  SnapshotRetentionLimit: '7',
  NumCacheClusters: '2',
  PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'],
  AutomaticFailoverEnabled: 'true',
  MultiAZEnabled: 'true',
  AuthToken: 'a-token-that-is-long-enough-1234',
  NotificationTopicArn: 'arn:aws:sns:eu-west-1:123456789012:cache-events',
  LogDeliveryConfigurations: [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', LogFormat: 'json', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'orders-slow' } } }],
};

function hook(env: NodeJS.ProcessEnv = {}) {
  const lines: { message: string; extra: Record<string, unknown> }[] = [];
  const logger = { info: (message: string, extra: Record<string, unknown>) => lines.push({ message, extra }), error: (message: string, extra: Record<string, unknown>) => lines.push({ message, extra }) };
  return { handle: createHookHandler(env, logger), lines };
}

describe('the CloudFormation hook handler', () => {
  it('fails a replication group that fails controls on create, naming them, and logs the verdict', async () => {
    // Prepare
    const { handle, lines } = hook();
    // Act
    const response = await handle(request('CREATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', WEAK));
    // Assess
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e' });
    expect(response.message).toMatch(/^OrdersCache \(AWS::ElastiCache::ReplicationGroup\) fails \d+ controls: /);
    expect(response.message).toContain('encryption-in-transit: TLS is off');
    expect(response.message).toContain('encryption-at-rest: Encryption at rest is off');
    expect(response.message.length).toBeLessThanOrEqual(MAX_HOOK_MESSAGE);
    expect(lines).toEqual([
      {
        message: 'hook verdict',
        extra: expect.objectContaining({ hookStatus: 'FAILED', target: 'OrdersCache', findings: expect.arrayContaining([expect.objectContaining({ control: 'encryption-in-transit', compliance: 'NON_COMPLIANT' })]) }),
      },
    ]);
  });

  it('passes a hardened replication group on update and names what the deployed rules will judge', async () => {
    // Prepare
    const { handle } = hook({ HOOK_PARAMETERS: JSON.stringify({ authentication: { allowAuthToken: 'true' } }) });
    // Act
    const response = await handle(request('UPDATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', HARDENED, WEAK));
    // Assess
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.errorCode).toBeUndefined();
    expect(response.message).toContain('passes every control that can be judged before deployment');
    expect(response.message).toContain('security-group-exposure: Cannot be judged before deployment: needs the account');
  });

  it('judges with HOOK_PARAMETERS as the rules would', async () => {
    // Act: the same group, but a token is not enough without allowAuthToken.
    const response = await hook().handle(request('CREATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', HARDENED));
    // Assess
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', message: expect.stringContaining('authentication:') });
  });

  it.each([
    ['CREATE_PRE_PROVISION', 'AWS::S3::Bucket', /AWS::S3::Bucket is not a cache this hook judges/],
    ['CREATE_PRE_PROVISION', 'AWS::ElastiCache::User', /not a cache this hook judges/],
    ['DELETE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', /Deleting OrdersCache is not judged/],
  ])('answers SUCCESS for %s of %s', async (point, type, message) => {
    const response = await hook().handle(request(point, type, point === 'DELETE_PRE_PROVISION' ? undefined : { BucketName: 'x' }));
    expect(response).toEqual({ hookStatus: 'SUCCESS', message: expect.stringMatching(message), clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e' });
  });

  it.each<[string, unknown]>([
    ['not an object', 'just text'],
    ['no requestData', { ...request('CREATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', WEAK), requestData: undefined }],
    ['an unknown invocation point', request('CREATE_POST_PROVISION', 'AWS::ElastiCache::ReplicationGroup', WEAK)],
    ['no resource properties', request('CREATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', undefined)],
    ['no target name', { ...request('CREATE_PRE_PROVISION', '', WEAK) }],
  ])('fails with InternalFailure, never a pass, on %s', async (_why, event) => {
    const response: HookResponse = await hook().handle(event);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', message: expect.stringContaining('cannot be judged') });
  });

  it.each([
    ['not JSON', '{control'],
    ['an unknown control', JSON.stringify({ 'no-such-control': {} })],
    ['a bad value', JSON.stringify({ 'automatic-backup': { minimumRetentionDays: '90' } })],
  ])('fails with InternalFailure when HOOK_PARAMETERS is %s', async (_why, value) => {
    const { handle, lines } = hook({ HOOK_PARAMETERS: value });
    const response = await handle(request('CREATE_PRE_PROVISION', 'AWS::ElastiCache::ReplicationGroup', HARDENED));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', message: expect.stringContaining('HOOK_PARAMETERS') });
    expect(lines[0]!.message).toBe('hook failed');
  });
});
