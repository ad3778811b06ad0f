/**
 * SSM Automation remediation: the documents, the one role they run as, and one Config
 * RemediationConfiguration per remediable rule (manual unless the AutomaticRemediation parameter is
 * "true").
 *
 * Config keeps one remediation configuration per rule, so a rule that reports both replication
 * groups and cache clusters is wired to its replication-group document; the cache-cluster document
 * is deployed too and is run on demand (see the control's README).
 */
import { controls } from '#shared/controls/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { REPLICATION_GROUP } from '#shared/inventory/cache-resource.ts';
import {
  ASSUME_ROLE_PARAMETER,
  loadDocument,
  remediationDocuments,
  type ArnKind,
  type DeploymentParameter,
  type RemediationDocument,
} from '../remediation-documents.ts';
import { getAtt, logicalIdOf, pascal, ref, sub, templateParameterOf, type Json } from './template-parts.ts';

export const REMEDIATION_ROLE = 'RemediationRole';

export const documentLogicalId = (document: RemediationDocument): string =>
  `${pascal(document.file.replace(/\.yaml$/, ''))}Document`;

/** The document Config runs for a control's non-compliant resources, or undefined if none. */
export function wiredDocument(control: Control<any, any>): RemediationDocument | undefined {
  const documents = remediationDocuments.filter((d) => d.controlId === control.id && d.mode === 'automated');
  return documents.find((d) => d.resourceTypes.includes(REPLICATION_GROUP)) ?? documents[0];
}

const RESOURCE_ARNS: Record<ArnKind, string> = {
  'elasticache:replicationgroup': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:replicationgroup:*',
  'elasticache:cluster': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:cluster:*',
  'elasticache:serverlesscache': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:serverlesscache:*',
  'elasticache:usergroup': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:usergroup:*',
  'elasticache:snapshot': 'arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:snapshot:*',
  'ec2:security-group': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*',
  'kms:key': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*',
  'logs:log-group': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*',
  'sns:topic': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*',
  'lambda:function': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*',
};

/** Controls whose non-compliant resources Config can remediate, each with its own on/off switch. */
export const remediableControls = (): Control<any, any>[] => controls.filter((control) => wiredDocument(control));

/** Stack parameters the wired documents take from the deployment, each declared once. */
export function deploymentParametersOf(): DeploymentParameter[] {
  const byName = new Map<string, DeploymentParameter>();
  for (const control of remediableControls()) {
    for (const parameter of Object.values(wiredDocument(control)!.deploymentParameters ?? {})) byName.set(parameter.name, parameter);
  }
  return [...byName.values()];
}

const blankConditionOf = (parameter: DeploymentParameter): string => `${parameter.name}Blank`;

/** The SAM template's value for a deployment parameter: its fallback resource when left blank. */
export function deploymentValue(parameter: DeploymentParameter): unknown {
  if (!parameter.fallbackResource) return ref(parameter.name);
  return { 'Fn::If': [blankConditionOf(parameter), ref(parameter.fallbackResource), ref(parameter.name)] };
}

export const automaticParameterOf = (control: Control<any, any>): string => `${logicalIdOf(control)}AutomaticRemediation`;
export const automaticConditionOf = (control: Control<any, any>): string => `${automaticParameterOf(control)}On`;

/**
 * Automatic remediation is switched per control, because the changes differ in risk: raising backup
 * retention harms nothing, while requiring TLS disconnects clients that still use plaintext.
 */
export function remediationParameters(): Json {
  return {
    ...Object.fromEntries(
      remediableControls().map((control) => [
        automaticParameterOf(control),
        {
          Type: 'String',
          Description: `When "true", Config runs the ${control.id} remediation by itself on every non-compliant resource: ${control.automatedRemediation} Otherwise an operator starts it from the Config console.`,
          AllowedValues: ['true', 'false'],
          Default: 'false',
        },
      ]),
    ),
    ...Object.fromEntries(
      deploymentParametersOf().map((parameter) => [
        parameter.name,
        {
          Type: 'String',
          Description: parameter.description,
          Default: parameter.default,
          AllowedPattern: parameter.fallbackResource ? `^(?:|${parameter.pattern})$` : `^(?:${parameter.pattern})$`,
        },
      ]),
    ),
    RemediationMaximumAttempts: {
      Type: 'Number',
      Description: 'Automatic remediation: attempts per resource within RemediationRetrySeconds (1-25).',
      MinValue: 1,
      MaxValue: 25,
      Default: 3,
    },
    RemediationRetrySeconds: {
      Type: 'Number',
      Description: 'Automatic remediation: the window, in seconds, in which RemediationMaximumAttempts are made.',
      MinValue: 60,
      MaxValue: 86400,
      Default: 3600,
    },
  };
}

/**
 * The automatic-remediation switches and, for the SAM template, the blank tests of deployment
 * parameters with a fallback resource (a conformance pack has no resources to fall back on).
 */
export function remediationConditions(withFallbacks = true): Json {
  return {
    ...Object.fromEntries(
      remediableControls().map((control) => [automaticConditionOf(control), { 'Fn::Equals': [ref(automaticParameterOf(control)), 'true'] }]),
    ),
    ...Object.fromEntries(
      deploymentParametersOf()
        .filter((parameter) => withFallbacks && parameter.fallbackResource)
        .map((parameter) => [blankConditionOf(parameter), { 'Fn::Equals': [ref(parameter.name), ''] }]),
    ),
  };
}

/** Control ids whose remediation runs automatically, comma-separated (blank entries for those off). */
export function automaticRemediationControls(): Json {
  return { 'Fn::Join': [',', remediableControls().map((control) => ({ 'Fn::If': [automaticConditionOf(control), control.id, ''] }))] };
}

export function remediationResources(): Json {
  const resources: Json = {};
  for (const document of remediationDocuments) {
    resources[documentLogicalId(document)] = {
      Type: 'AWS::SSM::Document',
      Properties: { DocumentType: 'Automation', DocumentFormat: 'YAML', Content: loadDocument(document.file) },
    };
  }
  resources[REMEDIATION_ROLE] = remediationRole();
  for (const control of controls) {
    const document = wiredDocument(control);
    if (document) resources[`${logicalIdOf(control)}Remediation`] = { Condition: 'DeployRules', ...remediationConfiguration(document, {
      ruleName: ref(`${logicalIdOf(control)}Rule`),
      documentName: ref(documentLogicalId(document)),
      roleArn: getAtt(REMEDIATION_ROLE, 'Arn'),
      parameterValue: (name) => ref(templateParameterOf(control, name)),
      deploymentValue,
      automatic: { 'Fn::If': [automaticConditionOf(control), true, false] },
    }) };
  }
  return resources;
}

/** Shared with the conformance pack, which references the same pieces by pack parameters. */
export function remediationConfiguration(
  document: RemediationDocument,
  wiring: {
    ruleName: unknown;
    documentName: unknown;
    roleArn: unknown;
    parameterValue: (name: string) => unknown;
    deploymentValue: (parameter: DeploymentParameter) => unknown;
    automatic: unknown;
  },
): Json {
  return {
    Type: 'AWS::Config::RemediationConfiguration',
    Properties: {
      ConfigRuleName: wiring.ruleName,
      ...(document.resourceTypes.length === 1 ? { ResourceType: document.resourceTypes[0] } : {}),
      TargetType: 'SSM_DOCUMENT',
      TargetId: wiring.documentName,
      Parameters: {
        [ASSUME_ROLE_PARAMETER]: { StaticValue: { Values: [wiring.roleArn] } },
        [document.resourceIdParameter]: { ResourceValue: { Value: 'RESOURCE_ID' } },
        ...Object.fromEntries(
          Object.entries(document.staticParameters).map(([documentParameter, controlParameter]) => [
            documentParameter,
            { StaticValue: { Values: [wiring.parameterValue(controlParameter)] } },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(document.deploymentParameters ?? {}).map(([documentParameter, parameter]) => [
            documentParameter,
            { StaticValue: { Values: [wiring.deploymentValue(parameter)] } },
          ]),
        ),
      },
      Automatic: wiring.automatic,
      MaximumAutomaticAttempts: ref('RemediationMaximumAttempts'),
      RetryAttemptSeconds: ref('RemediationRetrySeconds'),
      // Automatic remediation works through at most a tenth of the non-compliant resources at once
      // and stops when a tenth of its runs fail, so a faulty change cannot sweep the whole estate.
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
    },
  };
}

/** Describe* supports no resource-level permissions; Modify* is limited to this account's caches. */
function remediationRole(): Json {
  // Interim single role (r17-wiring replaces it by one role per document): every scoped grant on
  // its ARN kinds, every grant AWS authorizes only on "*" on "*".
  const grants = remediationDocuments.flatMap((d) => d.grants);
  const onStar = [...new Set(grants.filter((g) => g.on === '*').map((g) => g.action))].sort();
  const scoped = new Map<string, Set<ArnKind>>();
  for (const grant of grants) {
    if (grant.on === '*') continue;
    const kinds = scoped.get(grant.action) ?? new Set<ArnKind>();
    for (const kind of grant.on) kinds.add(kind);
    scoped.set(grant.action, kinds);
  }
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'Role SSM Automation assumes to run the ElastiCache remediation documents of this stack.',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ssm.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Confused-deputy protection: only Automation executions of this account may assume it.
            Condition: {
              StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
              ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-execution/*') },
            },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'remediate-elasticache',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ActionsAuthorizedOnlyOnStar', Effect: 'Allow', Action: onStar, Resource: '*' },
              ...[...scoped.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([action, kinds]) => ({
                Sid: `${action.split(':')[1]}OnThisAccount`,
                Effect: 'Allow',
                Action: action,
                Resource: [...kinds].sort().map((kind) => {
                  const arn = RESOURCE_ARNS[kind];
                  if (!arn) throw new Error(`No resource ARN pattern for ${kind} (remediation action ${action})`);
                  return sub(arn);
                }),
              })),
            ],
          },
        },
      ],
    },
  };
}
