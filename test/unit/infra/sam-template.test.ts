import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { METRICS_NAMESPACE, RUN_METRICS } from '#shared/engine/run-metrics.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import { buildSamTemplate, logicalIdOf, templateParameterOf } from '../../../infra/sam-template.ts';
import { remediationDocuments } from '../../../infra/remediation-documents.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string };
const template = buildSamTemplate() as { Parameters: Record<string, any>; Resources: Record<string, Resource> };

/**
 * Actions that IAM offers on no resource type at all (Service Authorization Reference), so "*" is
 * the narrowest grant possible. Any other action on "*" must be read-only.
 */
// The CloudWatch Logs delivery actions define no resource types (the ElastiCache User Guide's
// "Logging destinations" policy grants them on "*"); ElastiCache checks them on the caller.
const LOG_DELIVERY_WRITES = ['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery'];
const UNSCOPABLE_WRITES = new Set(['config:PutEvaluations', ...LOG_DELIVERY_WRITES]);
const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/;

function statementsOf(role: Resource): Record<string, any>[] {
  return role.Properties.Policies.flatMap((p: { PolicyDocument: { Statement: Record<string, any>[] } }) => p.PolicyDocument.Statement);
}

describe('template.yaml', () => {
  it('is exactly what `npm run generate` writes from the catalog', () => {
    for (const [path, text] of Object.entries(generatedFiles())) {
      expect(readFileSync(`${root}${path}`, 'utf8')).toBe(text);
    }
  });

  it('round-trips through a YAML parser to the template object', () => {
    expect(parse(generatedFiles()['template.yaml']!)).toEqual(template);
  });

  describe.each(controls.map((control) => [control.id, control] as const))('control %s', (_id, control) => {
    const id = logicalIdOf(control);
    const resources = template.Resources;

    it('has a nodejs24.x arm64 function built from its bundle', () => {
      const fn = resources[`${id}Function`]!;
      expect(fn.Type).toBe('AWS::Serverless::Function');
      expect(fn.Properties).toMatchObject({
        CodeUri: `dist/${control.id}/`,
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
      });
    });

    it('lets only this account\'s Config invoke it, and the rule waits for that permission', () => {
      const permission = resources[`${id}ConfigPermission`]!;
      expect(permission.Properties).toMatchObject({
        Principal: 'config.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
      expect(resources[`${id}Rule`]!.DependsOn).toBe(`${id}ConfigPermission`);
    });

    it('has a periodic Config rule carrying every control parameter', () => {
      const rule = resources[`${id}Rule`]!.Properties;
      expect(rule.ConfigRuleName).toBe(ruleNameOf(control));
      expect(rule.Source.SourceDetails[0]).toEqual({
        EventSource: 'aws.config',
        MessageType: 'ScheduledNotification',
        MaximumExecutionFrequency: { Ref: 'ExecutionFrequency' },
      });
      for (const name of Object.keys(control.parameters)) {
        const value = { Ref: templateParameterOf(control, name) };
        const kind = control.parameters[name]!.kind;
        // Config refuses blank values, so a list or text parameter left blank is omitted.
        expect(rule.InputParameters[name]).toEqual(
          kind === 'list' || kind === 'text' ? { 'Fn::If': [`${templateParameterOf(control, name)}IsSet`, value, { Ref: 'AWS::NoValue' }] } : value,
        );
        expect(template.Parameters[templateParameterOf(control, name)].Default).toBe(control.parameters[name]!.defaultText);
      }
    });

    it('reacts to changes of exactly the types it declares', () => {
      const rule = resources[`${id}Rule`]!.Properties;
      const types = rule.Scope?.ComplianceResourceTypes ?? [];
      expect(types).toEqual(control.changeTriggers);
      const messageTypes = rule.Source.SourceDetails.map((d: { MessageType: string }) => d.MessageType);
      expect(messageTypes.includes('ConfigurationItemChangeNotification')).toBe(control.changeTriggers.length > 0);
    });

    it('has its own role granting exactly the actions the engine and the control use', () => {
      const statements = statementsOf(resources[`${id}Role`]!);
      const granted = statements
        .filter((s) => !('Fn::If' in s))
        .flatMap((s) => [s.Action].flat() as string[])
        .filter((a) => !/^(logs|sqs):/.test(a) && !['kms:GenerateDataKey', 'kms:Decrypt'].includes(a));
      expect(new Set(granted)).toEqual(new Set(iamActionsOf(control)));
    });

    it('may assume the member-account role only in organization mode and only inside the organization', () => {
      const conditional = statementsOf(resources[`${id}Role`]!).find((s) => 'Fn::If' in s) as { 'Fn::If': [string, any, unknown] };
      expect(conditional['Fn::If'][0]).toBe('OrganizationMode');
      expect(conditional['Fn::If'][1]).toMatchObject({
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:ResourceOrgID': { Ref: 'OrganizationId' } } },
      });
      expect(conditional['Fn::If'][2]).toEqual({ Ref: 'AWS::NoValue' });
    });

    it('has a remediation configuration exactly when the control can be fixed in place', () => {
      const remediation = resources[`${id}Remediation`];
      expect(remediation !== undefined).toBe(control.automatedRemediation !== undefined);
      if (!remediation) return;
      expect(remediation.Properties).toMatchObject({
        ConfigRuleName: { Ref: `${id}Rule` },
        TargetType: 'SSM_DOCUMENT',
        Automatic: { 'Fn::If': [`${id}AutomaticRemediationOn`, true, false] },
        ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
        Parameters: { AutomationAssumeRole: { StaticValue: { Values: [{ 'Fn::GetAtt': ['RemediationRole', 'Arn'] }] } } },
      });
      const resourceValues = Object.values(remediation.Properties.Parameters as Record<string, { ResourceValue?: { Value: string } }>)
        .filter((p) => p.ResourceValue)
        .map((p) => p.ResourceValue!.Value);
      expect(resourceValues).toEqual(['RESOURCE_ID']);
    });
  });

    it('grants no write action on "*" except those IAM cannot scope', () => {
    for (const [name, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Role') continue;
      for (const policy of resource.Properties.Policies) {
        for (const statement of (policy.PolicyDocument.Statement as any[]).map((s) => ('Fn::If' in s ? s['Fn::If'][1] : s))) {
          if (statement.Resource !== '*') continue;
          for (const action of [statement.Action].flat() as string[]) {
            expect({ role: name, action, allowed: READ_ONLY.test(action) || UNSCOPABLE_WRITES.has(action) }).toEqual({
              role: name,
              action,
              allowed: true,
            });
          }
        }
      }
    }
  });
});

describe('checkov skips', () => {
  it('each carry a justification in place', () => {
    for (const resource of Object.values(template.Resources) as { Metadata?: { checkov?: { skip: { id: string; comment?: string }[] } } }[]) {
      for (const skip of resource.Metadata?.checkov?.skip ?? []) {
        expect(skip.comment?.length ?? 0).toBeGreaterThan(20);
      }
    }
  });
});

describe('remediation', () => {
  const role = template.Resources.RemediationRole!;

  it('is assumable only by this account\'s SSM Automation executions', () => {
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: 'ssm.amazonaws.com' });
    expect(trust.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(trust.Condition.ArnLike['aws:SourceArn']).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-execution/*',
    });
  });

  it('modifies only this account\'s ElastiCache resources', () => {
    const modifies = statementsOf(role).filter((s) => [s.Action].flat().some((a: string) => a.includes(':Modify')));
    expect(modifies.length).toBeGreaterThan(0);
    for (const statement of modifies) {
      expect(statement.Resource['Fn::Sub']).toMatch(/^arn:\$\{AWS::Partition\}:elasticache:\$\{AWS::Region\}:\$\{AWS::AccountId\}:(replicationgroup|cluster):\*$/);
    }
  });

  it('lets the high-availability and auto-minor-version-upgrade runbooks modify only this account\'s groups and clusters', () => {
    // Prepare
    const documents = remediationDocuments.filter((d) => ['high-availability', 'auto-minor-version-upgrade'].includes(d.controlId));
    const byAction = new Map(statementsOf(role).map((s) => [s.Action, s.Resource]));
    // Act
    const grants = [...new Set(documents.flatMap((d) => d.grants.filter((g) => g.on !== '*').map((g) => g.action)))].sort().map((action) => [action, byAction.get(action)]);
    // Assess
    expect(grants).toEqual([
      ['elasticache:ModifyCacheCluster', { 'Fn::Sub': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:cluster:*' }],
      ['elasticache:ModifyReplicationGroup', { 'Fn::Sub': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:replicationgroup:*' }],
    ]);
    for (const id of ['HighAvailability', 'AutoMinorVersionUpgrade']) {
      expect(template.Resources[`${id}Remediation`]!.Properties.ResourceType).toBe('AWS::ElastiCache::ReplicationGroup');
    }
  });

  it('grants logs: actions only to manage ElastiCache log deliveries: nothing that creates a group, writes events or opens a resource policy', () => {
    const logs = statementsOf(role).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('logs:')));
    expect(logs).toEqual([
      {
        Sid: 'ManageElastiCacheLogDelivery',
        Effect: 'Allow',
        Action: ['logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:UpdateLogDelivery'],
        Resource: '*',
      },
    ]);
  });

  it('delivers slow logs to the log group named by SlowLogGroupName, which the stack does not create', () => {
    const wiring = template.Resources.LogDeliveryRemediation!.Properties;
    expect(wiring.Parameters.LogGroupName).toEqual({ StaticValue: { Values: [{ Ref: 'SlowLogGroupName' }] } });
    expect(template.Parameters.SlowLogGroupName).toMatchObject({ Type: 'String', Default: '/aws/elasticache/slow-log' });
    const pattern = new RegExp(template.Parameters.SlowLogGroupName.AllowedPattern);
    expect(['/aws/elasticache/slow-log', 'orders_slow.log#1'].filter((name) => !pattern.test(name))).toEqual([]);
    expect(['', 'has space', 'a'.repeat(513)].filter((name) => pattern.test(name))).toEqual([]);
    const created = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Logs::LogGroup' && JSON.stringify(r.Properties).includes('SlowLogGroupName'),
    );
    expect(created).toEqual([]);
  });

  it('sets the operations topic on replication groups unless NotificationTopicArn names another', () => {
    const wiring = template.Resources.EventNotificationsRemediation!.Properties;
    expect(wiring.Parameters.TopicArn).toEqual({
      StaticValue: { Values: [{ 'Fn::If': ['NotificationTopicArnBlank', { Ref: 'OperationsTopic' }, { Ref: 'NotificationTopicArn' }] }] },
    });
    expect((template as any).Conditions.NotificationTopicArnBlank).toEqual({ 'Fn::Equals': [{ Ref: 'NotificationTopicArn' }, ''] });
    const pattern = new RegExp(template.Parameters.NotificationTopicArn.AllowedPattern);
    expect(['', 'arn:aws:sns:us-east-1:123456789012:ops'].filter((arn) => !pattern.test(arn))).toEqual([]);
    expect(['ops', 'arn:aws:sqs:us-east-1:123456789012:ops'].filter((arn) => pattern.test(arn))).toEqual([]);
  });

  it('is manual unless switched on per control, each switch off by default', () => {
    for (const control of controls.filter((c) => c.automatedRemediation)) {
      const parameter = `${logicalIdOf(control)}AutomaticRemediation`;
      expect(template.Parameters[parameter].Default).toBe('false');
      expect((template as any).Conditions[`${parameter}On`]).toEqual({ 'Fn::Equals': [{ Ref: parameter }, 'true'] });
    }
  });

  it('tells the notifier which controls remediate automatically', () => {
    const variables = template.Resources.ComplianceNotifierFunction!.Properties.Environment.Variables;
    expect(variables.AUTOMATIC_REMEDIATION_CONTROLS).toEqual({
      'Fn::Join': [
        ',',
        controls
          .filter((c) => c.automatedRemediation)
          .map((c) => ({ 'Fn::If': [`${logicalIdOf(c)}AutomaticRemediationOn`, c.id, ''] })),
      ],
    });
  });
});

describe('operations', () => {
  it('raise an alarm on the operations topic when any function fails a run', () => {
    const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function').map(([id]) => id);
    const alarmed = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'Errors')
      .map((r) => r.Properties.Dimensions[0].Value.Ref);
    expect(new Set(alarmed)).toEqual(new Set(functions));
  });

  it('encrypt failed runs with a key EventBridge may use, and keep logs, queue and keys when the stack goes', () => {
    expect(template.Resources.FailedRunQueue!.Properties.KmsMasterKeyId).toEqual({ Ref: 'FailedRunKey' });
    for (const id of ['FailedRunQueue', 'FailedRunKey', 'AlertKey', 'EncryptionInTransitLogGroup']) {
      expect(template.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('deploys no rules or remediation configurations when DeployRules is "false"', () => {
    for (const resource of Object.values(template.Resources) as { Type: string; Condition?: string }[]) {
      if (resource.Type === 'AWS::Config::ConfigRule' || resource.Type === 'AWS::Config::RemediationConfiguration') {
        expect(resource.Condition).toBe('DeployRules');
      }
    }
  });
});

describe('alerts', () => {
  const resources = template.Resources;

  it('encrypt the topic with a customer managed key that rotates', () => {
    expect(resources.AlertTopic!.Properties.KmsMasterKeyId).toEqual({ Ref: 'AlertKey' });
    expect(resources.AlertKey!.Properties.EnableKeyRotation).toBe(true);
  });

  it('let only the notifier publish, and only over TLS', () => {
    const statements = resources.AlertTopicPolicy!.Properties.PolicyDocument.Statement as Record<string, any>[];
    const denies = statements.filter((s) => s.Effect === 'Deny');
    expect(denies.map((s) => s.Condition)).toEqual(
      expect.arrayContaining([
        { Bool: { 'aws:SecureTransport': 'false' } },
        { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': ['ComplianceNotifierRole', 'Arn'] } } },
      ]),
    );
  });

  it('route compliance changes of the package\'s rules, renamed or not, to the notifier', () => {
    const rule = resources.ComplianceChangeRule!.Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.config'],
      'detail-type': ['Config Rules Compliance Change'],
      detail: { configRuleName: [{ prefix: 'elasticache-' }, { prefix: 'OrgConfigRule-elasticache-' }] },
    });
    expect(resources.ComplianceNotifierEventsPermission!.Properties).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['ComplianceChangeRule', 'Arn'] },
    });
  });

  it('subscribe an e-mail address only when one is given', () => {
    expect((resources.AlertEmailSubscription as any).Condition).toBe('HasAlertEmail');
  });
});

describe('dashboard', () => {
  const dashboard = template.Resources.OperationsDashboard!;
  const [body, variables] = dashboard.Properties.DashboardBody['Fn::Sub'] as [string, Record<string, unknown>];
  type Widget = { properties: { title: string; metrics: (string | Record<string, unknown>)[][] } };
  const widgets = (JSON.parse(body) as { widgets: Widget[] }).widgets;
  const lines = widgets.flatMap((widget) => widget.properties.metrics);

  it('is deployed unless the Dashboard parameter is "false"', () => {
    expect(template.Parameters.Dashboard).toMatchObject({ AllowedValues: ['true', 'false'], Default: 'true' });
    expect((dashboard as Resource & { Condition?: string }).Condition).toBe('DeployDashboard');
  });

  it('charts only metrics the functions emit, in their namespace, with the dimensions they carry', () => {
    const own = lines.filter((line) => line[0] === METRICS_NAMESPACE);
    expect(own.length).toBeGreaterThan(0);
    for (const line of own) {
      const [, name, serviceKey, service, controlKey, control, ...rest] = line;
      expect(Object.keys(RUN_METRICS)).toContain(name);
      expect([serviceKey, service, controlKey]).toEqual(['service', '${AWS::StackName}', 'control']);
      expect(controls.map((c) => c.id)).toContain(control);
      // Anything after the dimensions is rendering options, not another dimension.
      expect(rest.every((item) => typeof item === 'object')).toBe(true);
    }
  });

  it('reads the metrics of this stack: every function names the stack as its Powertools service', () => {
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Serverless::Function');
    // One function per control, the compliance notifier and the change detector.
    expect(functions).toHaveLength(controls.length + 2);
    for (const fn of functions) expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toEqual({ Ref: 'AWS::StackName' });
  });

  it('shows per control the non-compliant resources, failed runs and run duration', () => {
    for (const metric of ['NonCompliant', 'RunFailed', 'RunDuration']) {
      const charted = lines.filter((line) => line[0] === METRICS_NAMESPACE && line[1] === metric).map((line) => line[5]);
      expect(charted).toEqual(controls.map((c) => c.id));
    }
  });

  it('shows the deliveries of the alert and operations topics from SNS’s own metrics', () => {
    const sns = lines.filter((line) => line[0] !== METRICS_NAMESPACE);
    for (const line of sns) {
      expect(line[0]).toBe('AWS/SNS');
      expect(['NumberOfNotificationsDelivered', 'NumberOfNotificationsFailed']).toContain(line[1]);
      expect(line[2]).toBe('TopicName');
    }
    expect(new Set(sns.map((line) => line[3]))).toEqual(new Set(['${AlertTopicName}', '${OperationsTopicName}']));
    expect(variables).toEqual({
      AlertTopicName: { 'Fn::GetAtt': ['AlertTopic', 'TopicName'] },
      OperationsTopicName: { 'Fn::GetAtt': ['OperationsTopic', 'TopicName'] },
    });
  });

  it('substitutes only its own variables and AWS pseudo parameters', () => {
    const placeholders = [...body.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]!);
    for (const name of placeholders) expect(name.startsWith('AWS::') || name in variables).toBe(true);
  });
});
