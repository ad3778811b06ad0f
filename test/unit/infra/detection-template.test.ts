/** The change detection part of template.yaml: generated from the catalog, least privilege, switchable. */
import { controls } from '#shared/controls/catalog.ts';
import { changeEventPattern, eventSourceOf, type TriggeringService } from '#shared/detection/triggering-calls.ts';
import { buildSamTemplate, logicalIdOf } from '../../../infra/sam-template.ts';
import { buildMemberAccountRoleTemplate } from '../../../infra/organization-templates.ts';

type Resource = { Type: string; Condition?: string; Properties: Record<string, any>; DeletionPolicy?: string };
const template = buildSamTemplate() as { Parameters: Record<string, any>; Conditions: Record<string, any>; Resources: Record<string, Resource> };
const resources = template.Resources;
const statements = (role: Resource): Record<string, any>[] =>
  role.Properties.Policies.flatMap((p: { PolicyDocument: { Statement: Record<string, any>[] } }) => p.PolicyDocument.Statement);

describe('change detection in template.yaml', () => {
  it('routes exactly the calls the catalog declares, successful ones only', () => {
    // Prepare
    const pattern = resources.ChangeEventRule!.Properties.EventPattern;
    const declared = new Set(
      controls.flatMap((c) => (Object.entries(c.triggeringCalls) as [TriggeringService, string[]][]).flatMap(([s, names]) => names.map((n) => `${eventSourceOf(s)}:${n}`))),
    );
    // Act
    const routed = new Set<string>(pattern.detail.$or.flatMap((branch: { eventSource: string[]; eventName: string[] }) => branch.eventName.map((n) => `${branch.eventSource[0]}:${n}`)));
    // Assess
    expect(pattern).toEqual(changeEventPattern(controls));
    expect(routed).toEqual(declared);
    expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(pattern.detail.errorCode).toEqual([{ exists: false }]);
    for (const call of routed) expect(call).not.toMatch(/:(Describe|List|Get)/);
  });

  it('is on by default and off entirely when ChangeDetection is "false"', () => {
    // Prepare
    const detection = Object.entries(resources).filter(([id]) => /^Change(Event|Queue|Detector)/.test(id));
    // Assess
    expect(template.Parameters.ChangeDetection).toMatchObject({ Default: 'true', AllowedValues: ['true', 'false'] });
    expect(template.Conditions.DetectChanges).toEqual({ 'Fn::Equals': [{ Ref: 'ChangeDetection' }, 'true'] });
    expect(detection.map(([id]) => id).sort()).toEqual(
      [
        'ChangeEventBusPolicy',
        'ChangeEventRule',
        'ChangeQueue',
        'ChangeQueueKey',
        'ChangeQueuePolicy',
        'ChangeDetectorFunction',
        'ChangeDetectorRole',
        'ChangeDetectorLogGroup',
        'ChangeDetectorSchedule',
        'ChangeDetectorSchedulePermission',
        'ChangeDetectorFailedRunAlarm',
        'ChangeQueueAgeAlarm',
      ].sort(),
    );
    for (const [id, resource] of detection) expect([id, resource.Condition]).toEqual([id, id === 'ChangeEventBusPolicy' ? 'DetectChangesInOrganization' : 'DetectChanges']);
  });

  it('lets the detector start only the rules: the stack\'s own by ARN, else this account\'s and Region\'s', () => {
    // Prepare
    const role = resources.ChangeDetectorRole!;
    const start = statements(role).filter((s) => [s.Action].flat().includes('config:StartConfigRulesEvaluation'));
    // Assess
    expect(start).toEqual([
      {
        Sid: 'StartRules',
        Effect: 'Allow',
        Action: 'config:StartConfigRulesEvaluation',
        Resource: {
          'Fn::If': [
            'DeployRules',
            controls.map((c) => ({ 'Fn::GetAtt': [`${logicalIdOf(c)}Rule`, 'Arn'] })),
            [{ 'Fn::Sub': 'arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*' }],
          ],
        },
      },
    ]);
    expect(resources.ChangeDetectorFunction!.Properties.Environment.Variables.RULE_NAMING).toEqual({ 'Fn::If': ['DeployRules', 'stack', 'prefix'] });
  });

  it('grants nothing else on "*" but listing the rules', () => {
    // Prepare
    const unscoped = statements(resources.ChangeDetectorRole!).filter((s) => s.Resource === '*');
    // Assess
    expect(unscoped.map((s) => s.Action)).toEqual(['config:DescribeConfigRules']);
  });

  it('keeps the changes in a queue encrypted with a rotating key EventBridge may use, that only the change rule may fill', () => {
    // Prepare
    const queue = resources.ChangeQueue!;
    const key = resources.ChangeQueueKey!;
    const policy = resources.ChangeQueuePolicy!.Properties.PolicyDocument.Statement;
    // Assess
    expect(queue.Properties.KmsMasterKeyId).toEqual({ Ref: 'ChangeQueueKey' });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement[1]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
    expect(policy).toContainEqual(expect.objectContaining({ Sid: 'ChangeEventRuleSends', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['ChangeEventRule', 'Arn'] } } } }));
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] }, maxReceiveCount: 10 });
  });

  it('parks what it cannot deliver or start in the failed-run queue, whose alarm reaches the operations topic', () => {
    // Prepare
    const failedQueuePolicy = resources.FailedRunQueuePolicy!.Properties.PolicyDocument.Statement;
    // Assess
    expect(resources.ChangeEventRule!.Properties.Targets[0].DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] } });
    expect(failedQueuePolicy).toContainEqual({
      'Fn::If': ['DetectChanges', expect.objectContaining({ Sid: 'ChangeEventRuleDeadLetters' }), { Ref: 'AWS::NoValue' }],
    });
    expect(resources.ChangeDetectorFunction!.Properties.DeadLetterQueue).toEqual({ Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['FailedRunQueue', 'Arn'] } });
    expect(resources.ChangeDetectorFailedRunAlarm!.Properties.AlarmActions).toEqual([{ Ref: 'OperationsTopic' }]);
    expect(resources.ChangeQueueAgeAlarm!.Properties.AlarmActions).toEqual([{ Ref: 'OperationsTopic' }]);
  });

  it('runs the detector once a minute, one tick at a time, the next tick being the retry', () => {
    // Prepare
    const fn = resources.ChangeDetectorFunction!.Properties;
    // Assess
    expect(resources.ChangeDetectorSchedule!.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(fn.ReservedConcurrentExecutions).toEqual({ 'Fn::If': ['ReserveConcurrency', 1, { Ref: 'AWS::NoValue' }] });
    expect(fn.EventInvokeConfig).toEqual({ MaximumRetryAttempts: 0 });
    expect(fn.Timeout).toBeLessThan(resources.ChangeQueue!.Properties.VisibilityTimeout);
    expect(fn.CodeUri).toBe('dist/change-detector/');
  });

  it('accepts member accounts\' events on the default bus only in organization mode, only from the organization', () => {
    // Prepare
    const busPolicy = resources.ChangeEventBusPolicy!;
    // Assess
    expect(template.Conditions.DetectChangesInOrganization).toEqual({ 'Fn::And': [{ Condition: 'DetectChanges' }, { Condition: 'OrganizationMode' }] });
    expect(busPolicy.Properties.Statement.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } } });
  });
});

describe('change detection in member-account-role.yaml', () => {
  const member = buildMemberAccountRoleTemplate() as { Resources: Record<string, Resource> };

  it('forwards the very calls the central rule routes, to the central bus, only when one is given', () => {
    // Prepare
    const rule = member.Resources.ChangeForwardingRule!;
    // Assess
    expect(rule.Condition).toBe('ForwardChanges');
    expect(rule.Properties.EventPattern).toEqual(resources.ChangeEventRule!.Properties.EventPattern);
    expect(rule.Properties.Targets).toEqual([{ Id: 'central-event-bus', Arn: { Ref: 'CentralEventBusArn' }, RoleArn: { 'Fn::GetAtt': ['ChangeForwardingRole', 'Arn'] } }]);
  });

  it('lets the central detector list this account\'s rules and start them, nothing more', () => {
    // Prepare
    const policy = member.Resources.MemberRole!.Properties.Policies.find((p: { PolicyName: string }) => p.PolicyName === 'start-rules-on-change');
    // Assess
    expect(policy.PolicyDocument.Statement.map((s: { Action: string[]; Resource: unknown }) => [s.Action, s.Resource])).toEqual([
      [['config:DescribeConfigRules'], '*'],
      [['config:StartConfigRulesEvaluation'], { 'Fn::Sub': 'arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*' }],
    ]);
  });
});
