import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { METRICS_NAMESPACE, RUN_METRICS } from '#shared/engine/run-metrics.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import { buildSamTemplate, logicalIdOf, templateParameterOf } from '../../../infra/sam-template.ts';
import { remediationDocuments, type RemediationDocument } from '../../../infra/remediation-documents.ts';
import { grantsOf, manualDocumentsOf, remediableControls, wiredDocument } from '../../../infra/remediation-plan.ts';
import {
  VERIFIER_FUNCTION,
  VERIFIER_ROLE,
  arnOf,
  documentLogicalId,
  documentRoleId,
  verifierReadActions,
} from '../../../infra/template/remediation-resources.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string };
const template = buildSamTemplate() as { Parameters: Record<string, any>; Resources: Record<string, Resource> };

/**
 * Actions that IAM offers on no resource type at all (Service Authorization Reference), so "*" is
 * the narrowest grant possible. Any other action on "*" must be read-only.
 */
// The CloudWatch Logs delivery actions define no resource types (the ElastiCache User Guide's
// "Logging destinations" policy grants them on "*"); ElastiCache checks them on the caller. Only the
// log-delivery runbook's role may hold them.
const LOG_DELIVERY_WRITES = new Set(['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery']);
const UNSCOPABLE_WRITES = new Set(['config:PutEvaluations']);
const LOG_DELIVERY_ROLES = new Set(remediationDocuments.filter((d) => d.controlId === 'log-delivery').map(documentRoleId));
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

    it('has a remediation configuration exactly when the control has an automated runbook, run as that runbook\'s own role', () => {
      const remediation = resources[`${id}Remediation`];
      const document = wiredDocument(control);
      expect(remediation !== undefined).toBe(document !== undefined);
      if (!remediation || !document) return;
      expect(remediation.Properties).toMatchObject({
        ConfigRuleName: { Ref: `${id}Rule` },
        TargetType: 'SSM_DOCUMENT',
        TargetId: { Ref: documentLogicalId(document) },
        Automatic: { 'Fn::If': [`${id}AutomaticRemediationOn`, true, false] },
        ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
        Parameters: { AutomationAssumeRole: { StaticValue: { Values: [{ 'Fn::GetAtt': [documentRoleId(document), 'Arn'] }] } } },
      });
      const resourceValues = Object.values(remediation.Properties.Parameters as Record<string, { ResourceValue?: { Value: string } }>)
        .filter((p) => p.ResourceValue)
        .map((p) => p.ResourceValue!.Value);
      expect(resourceValues).toEqual(['RESOURCE_ID']);
    });
  });

  it('grants no write action on "*" except those IAM cannot scope, the log-delivery ones only to the log-delivery runbook', () => {
    for (const [name, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Role') continue;
      for (const policy of resource.Properties.Policies) {
        for (const statement of (policy.PolicyDocument.Statement as any[]).map((s) => ('Fn::If' in s ? s['Fn::If'][1] : s))) {
          if (statement.Resource !== '*') continue;
          for (const action of [statement.Action].flat() as string[]) {
            const allowed = READ_ONLY.test(action) || UNSCOPABLE_WRITES.has(action) || (LOG_DELIVERY_WRITES.has(action) && LOG_DELIVERY_ROLES.has(name));
            expect({ role: name, action, allowed }).toEqual({
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
  const runbookRoles = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'ssm.amazonaws.com',
  );

  it('gives every runbook a role of its own and no other role to SSM Automation', () => {
    expect(runbookRoles.map(([name]) => name).sort()).toEqual(remediationDocuments.map(documentRoleId).sort());
    expect(new Set(remediationDocuments.map(documentRoleId)).size).toBe(remediationDocuments.length);
    expect(template.Resources.RemediationRole).toBeUndefined();
  });

  describe.each(remediationDocuments.map((document) => [document.file, document] as const))('runbook %s', (_file, document: RemediationDocument) => {
    const role = template.Resources[documentRoleId(document)]!;

    it('runs as a role only this account\'s SSM Automation executions may assume', () => {
      const [trust, ...others] = role.Properties.AssumeRolePolicyDocument.Statement;
      expect(others).toEqual([]);
      expect(trust.Principal).toEqual({ Service: 'ssm.amazonaws.com' });
      expect(trust.Action).toBe('sts:AssumeRole');
      expect(trust.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      expect(trust.Condition.ArnLike['aws:SourceArn']).toEqual({
        'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-execution/*',
      });
    });

    it('grants only the actions its registry entry lists, each on the ARNs the entry names', () => {
      // Prepare
      const expected = grantsOf(document).map((grant) => ({
        actions: [...grant.actions].sort(),
        resource: 'on' in grant ? (grant.on.length === 1 ? arnOf(grant.on[0]!) : grant.on.map(arnOf)) : '*',
      }));
      // Act
      const granted = statementsOf(role).map((s) => ({ actions: [s.Action].flat().sort(), resource: s.Resource }));
      // Assess
      expect(granted).toEqual(expected);
      expect(statementsOf(role).map((s) => s.Effect)).toEqual(expected.map(() => 'Allow'));
    });

    it('changes only this account\'s resources: every scoped ARN is of this partition, region and account, or the stack\'s verifier', () => {
      for (const statement of statementsOf(role).filter((s) => s.Resource !== '*')) {
        for (const resource of [statement.Resource].flat()) {
          if ('Fn::GetAtt' in resource) expect(resource).toEqual({ 'Fn::GetAtt': [VERIFIER_FUNCTION, 'Arn'] });
          else expect(resource['Fn::Sub']).toMatch(/^arn:\$\{AWS::Partition\}:[a-z0-9]+:\$\{AWS::Region\}:\$\{AWS::AccountId\}:/);
        }
      }
    });

    it('is output with its role, so a person can run it or a conformance pack wire it', () => {
      const outputs = (template as unknown as { Outputs: Record<string, { Value: unknown }> }).Outputs;
      expect(outputs[`${documentLogicalId(document)}Name`]!.Value).toEqual({ Ref: documentLogicalId(document) });
      expect(outputs[`${documentRoleId(document)}Arn`]!.Value).toEqual({ 'Fn::GetAtt': [documentRoleId(document), 'Arn'] });
    });
  });

  it('wires no manual runbook to a Config rule', () => {
    const targets = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Config::RemediationConfiguration')
      .map((r) => r.Properties.TargetId.Ref);
    for (const document of controls.flatMap(manualDocumentsOf)) expect(targets).not.toContain(documentLogicalId(document));
    expect(targets.sort()).toEqual(remediableControls().map((c) => documentLogicalId(wiredDocument(c)!)).sort());
  });

  it('verifies with a function whose role reads what the controls judge and changes nothing', () => {
    // Prepare
    const fn = template.Resources[VERIFIER_FUNCTION]!;
    const statements = statementsOf(template.Resources[VERIFIER_ROLE]!);
    // Act
    const reads = statements.find((s) => s.Sid === 'ReadWhatTheControlsJudge')!;
    const others = statements.filter((s) => s !== reads).flatMap((s) => [s.Action].flat());
    // Assess
    expect(fn.Properties).toMatchObject({ CodeUri: 'dist/remediation-verifier/', Handler: 'index.handler', Runtime: 'nodejs24.x' });
    expect(reads).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect(reads.Action).toEqual(verifierReadActions());
    expect(reads.Action.filter((a: string) => !READ_ONLY.test(a))).toEqual([]);
    expect(reads.Action).toEqual(expect.arrayContaining(['elasticache:DescribeReplicationGroups', 'kms:DescribeKey', 'ec2:DescribeSecurityGroups']));
    expect(others.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage']);
  });

  it('delivers missing log types to the log group named by RemediationLogGroupName, with its retention and key as stack parameters', () => {
    const wiring = template.Resources.LogDeliveryRemediation!.Properties;
    expect(wiring.Parameters.LogGroupName).toEqual({ StaticValue: { Values: [{ Ref: 'RemediationLogGroupName' }] } });
    expect(wiring.Parameters.LogRetentionDays).toEqual({ StaticValue: { Values: [{ Ref: 'RemediationLogRetentionDays' }] } });
    expect(wiring.Parameters.LogKmsKeyArn).toEqual({ StaticValue: { Values: [{ Ref: 'RemediationLogKmsKeyArn' }] } });
    const pattern = new RegExp(template.Parameters.RemediationLogGroupName.AllowedPattern);
    expect(['/aws/elasticache/remediation', 'orders_slow.log#1'].filter((name) => !pattern.test(name))).toEqual([]);
    expect(['', 'has space', 'a'.repeat(513)].filter((name) => pattern.test(name))).toEqual([]);
  });

  it('has every runbook verify with the stack\'s own verifier, the only function its role may invoke', () => {
    for (const control of remediableControls()) {
      const wiring = template.Resources[`${logicalIdOf(control)}Remediation`]!.Properties;
      expect(wiring.Parameters.VerifierFunctionName).toEqual({ StaticValue: { Values: [{ Ref: VERIFIER_FUNCTION }] } });
    }
    expect(template.Parameters.RemediationVerifierFunctionName).toBeUndefined();
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

  it('lets the snapshot-retention runbook delete only this account\'s snapshots, each kind by its own action', () => {
    const role = template.Resources.ElasticacheSnapshotRetentionRole!;
    const writes = statementsOf(role).filter((statement) => (statement.Action as string[]).some((action) => !READ_ONLY.test(action)));
    expect(writes.map((statement) => [statement.Action, statement.Resource])).toEqual(
      expect.arrayContaining([
        [['elasticache:DeleteSnapshot'], { 'Fn::Sub': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:snapshot:*' }],
        [['elasticache:DeleteServerlessCacheSnapshot'], { 'Fn::Sub': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:serverlesscachesnapshot:*' }],
      ]),
    );
    expect(writes.flatMap((statement) => statement.Action as string[]).sort()).toEqual(['elasticache:DeleteServerlessCacheSnapshot', 'elasticache:DeleteSnapshot', 'lambda:InvokeFunction']);
    expect(template.Parameters.SnapshotRetentionAutomaticRemediation.Default).toBe('false');
  });

  it('gives a runbook the rule\'s own value of a parameter left blank: the default the rule then uses', () => {
    const wiring = template.Resources.SnapshotRetentionRemediation!.Properties;
    expect(wiring.Parameters.RetentionExemptTagKey).toEqual({
      StaticValue: { Values: [{ 'Fn::If': ['SnapshotRetentionRetentionExemptTagKeyIsSet', { Ref: 'SnapshotRetentionRetentionExemptTagKey' }, 'retention-exempt'] }] },
    });
    expect(wiring.Parameters.MaximumManualSnapshotAgeDays).toEqual({ StaticValue: { Values: [{ Ref: 'SnapshotRetentionMaximumManualSnapshotAgeDays' }] } });
    // A list whose default is blank is passed as it is: blank means the same to rule and runbook.
    expect(template.Resources.EventNotificationsRemediation!.Properties.Parameters.ApprovedTopicArns).toEqual({
      StaticValue: { Values: [{ Ref: 'EventNotificationsApprovedTopicArns' }] },
    });
  });

  it('is manual unless switched on per control, each switch off by default', () => {
    for (const control of remediableControls()) {
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
        remediableControls().map((c) => ({ 'Fn::If': [`${logicalIdOf(c)}AutomaticRemediationOn`, c.id, ''] })),
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
    // One function per control, the compliance notifier, the change detector, the remediation verifier
    // and the CloudFormation hook.
    expect(functions).toHaveLength(controls.length + 4);
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
