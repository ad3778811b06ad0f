/**
 * SSM Automation remediation: the runbooks, one role per runbook holding only its own actions, the
 * verification function every runbook ends with, and one Config RemediationConfiguration per rule
 * that has an automated runbook (manual unless the control's AutomaticRemediation parameter is
 * "true"). Manual-only runbooks are deployed and output but never wired: they need a choice Config
 * cannot pass (a rule id, a target version, a user group) and must not become automatic by a switch.
 *
 * Config keeps one remediation configuration per rule and passes only RESOURCE_ID, so a control's
 * wired runbook takes every resource type its automated decisions cover and finds which one the id
 * names (infra/remediation-plan.ts).
 */
import { controls, iamActionsOf } from '#shared/controls/catalog.ts';
import type { ControlDefinition } from '#shared/engine/control.ts';
import {
  ASSUME_ROLE_PARAMETER,
  loadDocument,
  remediationDocuments,
  type DeploymentParameter,
  type RemediationDocument,
} from '../remediation-documents.ts';
import { automatedSummaryOf, grantsOf, remediableControls, resourceTypesOf, wiredDocument, type ArnKind, type Grant } from '../remediation-plan.ts';
import { NO_VPC_SKIP, PLAIN_ENVIRONMENT_SKIP, functionBase, functionHousekeeping, lambdaTrustPolicy, logGroup } from './control-resources.ts';
import { getAtt, isSetCondition, logicalIdOf, pascal, ref, sub, switchParameter, templateParameterOf, type Json } from './template-parts.ts';
import type { ParameterSpec } from '#shared/engine/parameters.ts';

export { remediableControls, wiredDocument } from '../remediation-plan.ts';

export const VERIFIER_FUNCTION = 'RemediationVerifierFunction';
export const VERIFIER_ROLE = 'RemediationVerifierRole';
const VERIFIER_LOG_GROUP = 'RemediationVerifierLogGroup';

const documentBaseId = (document: RemediationDocument): string => pascal(document.file.replace(/\.yaml$/, ''));
export const documentLogicalId = (document: RemediationDocument): string => `${documentBaseId(document)}Document`;
/** Each runbook runs as a role of its own, named after it. */
export const documentRoleId = (document: RemediationDocument): string => `${documentBaseId(document)}Role`;

/** This account's and region's ARNs of each kind a runbook may change (the verifier: this stack's function only). */
const ARNS: Readonly<Record<ArnKind, Json>> = {
  'elasticache:replicationgroup': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:replicationgroup:*'),
  'elasticache:cluster': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:cluster:*'),
  'elasticache:serverlesscache': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:serverlesscache:*'),
  'elasticache:usergroup': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:usergroup:*'),
  'elasticache:snapshot': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:snapshot:*'),
  'elasticache:serverlesscachesnapshot': sub('arn:${AWS::Partition}:elasticache:${AWS::Region}:${AWS::AccountId}:serverlesscachesnapshot:*'),
  'ec2:security-group': sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*'),
  'kms:key': sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
  'logs:log-group': sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'),
  'sns:topic': sub('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*'),
  'ssm:parameter': sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*'),
  'lambda:function': getAtt(VERIFIER_FUNCTION, 'Arn'),
};

export const arnOf = (kind: ArnKind): Json => ARNS[kind];

/**
 * Stack (or pack) parameters the wired documents take from the deployment, each declared once. The
 * SAM stack offers no choice of verifier: its runbook roles may invoke only its own verifier function.
 */
export function deploymentParametersOf(inStack = true, among: readonly ControlDefinition<any, any>[] = remediableControls()): DeploymentParameter[] {
  const byName = new Map<string, DeploymentParameter>();
  for (const control of among) {
    for (const parameter of Object.values(wiredDocument(control)!.deploymentParameters ?? {})) byName.set(parameter.name, parameter);
  }
  return [...byName.values()].filter((parameter) => !(inStack && isStackVerifier(parameter)));
}

const isStackVerifier = (parameter: DeploymentParameter): boolean => parameter.fallbackResource === VERIFIER_FUNCTION;

const blankConditionOf = (parameter: DeploymentParameter): string => `${parameter.name}Blank`;

/** The SAM template's value for a deployment parameter: its fallback resource when left blank. */
export function deploymentValue(parameter: DeploymentParameter): unknown {
  if (isStackVerifier(parameter)) return ref(VERIFIER_FUNCTION);
  if (!parameter.fallbackResource) return ref(parameter.name);
  return { 'Fn::If': [blankConditionOf(parameter), ref(parameter.fallbackResource), ref(parameter.name)] };
}

export const automaticParameterOf = (control: ControlDefinition<any, any>): string => `${logicalIdOf(control)}AutomaticRemediation`;
export const automaticConditionOf = (control: ControlDefinition<any, any>): string => `${automaticParameterOf(control)}On`;

/**
 * Automatic remediation is switched per control, because the changes differ in risk: raising backup
 * retention harms nothing, while requiring TLS disconnects clients that still use plaintext.
 */
export function remediationParameters(inStack = true, among: readonly ControlDefinition<any, any>[] = remediableControls()): Json {
  if (among.length === 0) return {};
  return {
    ...Object.fromEntries(
      among.map((control) => [
        automaticParameterOf(control),
        switchParameter(
          `When "true", Config runs the ${control.id} remediation by itself on every non-compliant resource it takes: ${automatedSummaryOf(control)} Otherwise an operator starts it from the Config console.`,
          'false',
        ),
      ]),
    ),
    ...Object.fromEntries(
      deploymentParametersOf(inStack, among).map((parameter) => [
        parameter.name,
        // A pack has no stack resource to fall back on, so there the value is required.
        parameter.fallbackResource && !inStack
          ? {
              Type: 'String',
              Description: `${parameter.description.replace(/;? ?blank means [^.;]*/, '')} Required here; the SAM stack's own is its output ${parameter.fallbackResource}Arn.`,
              AllowedPattern: `^(?:${parameter.pattern})$`,
            }
          : {
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
export function remediationConditions(withFallbacks = true, among: readonly ControlDefinition<any, any>[] = remediableControls()): Json {
  return {
    ...Object.fromEntries(
      among.map((control) => [automaticConditionOf(control), { 'Fn::Equals': [ref(automaticParameterOf(control)), 'true'] }]),
    ),
    ...Object.fromEntries(
      deploymentParametersOf(withFallbacks, among)
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
  for (const document of remediationDocuments) resources[documentRoleId(document)] = documentRole(document);
  Object.assign(resources, verifierResources());
  for (const control of controls) {
    const document = wiredDocument(control);
    if (document) resources[`${logicalIdOf(control)}Remediation`] = { Condition: 'DeployRules', ...remediationConfiguration(document, {
      ruleName: ref(`${logicalIdOf(control)}Rule`),
      documentName: ref(documentLogicalId(document)),
      roleArn: getAtt(documentRoleId(document), 'Arn'),
      parameterValue: (name) => runbookParameterValue(control, name),
      deploymentValue,
      automatic: { 'Fn::If': [automaticConditionOf(control), true, false] },
    }) };
  }
  return resources;
}

/**
 * The value a runbook is given for a control parameter: the rule's own. A list or text parameter left
 * blank is left out of the rule's InputParameters (Config refuses blank values), so the rule uses the
 * parameter's default; the runbook is then given that default too, never a blank it would read
 * differently (a blank retentionExemptTagKey would exempt nothing in the runbook).
 */
export function runbookParameterValue(control: ControlDefinition<any, any, any>, name: string): Json {
  const spec = (control.parameters as Record<string, ParameterSpec>)[name];
  if (!spec) throw new Error(`Control ${control.id} has no parameter ${name}`);
  const value = ref(templateParameterOf(control, name));
  const mayBeBlank = spec.kind === 'list' || spec.kind === 'text';
  return mayBeBlank && spec.defaultText !== '' ? { 'Fn::If': [isSetCondition(control, name), value, spec.defaultText] } : value;
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
      // A runbook for one type is offered on that type only; one that takes several finds which kind
      // the id names, so it is offered on every resource the rule reports and refuses the others.
      ...(resourceTypesOf(document).length === 1 ? { ResourceType: resourceTypesOf(document)[0] } : {}),
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

/**
 * The role one runbook runs as: only the actions its registry entry lists, each on this account's
 * ARNs of the kinds it changes. "*" appears only for actions IAM authorizes on no resource type:
 * Describe and List reads, and the vended-log delivery actions (logs:CreateLogDelivery and its
 * siblings), which ElastiCache checks on the caller when it turns log delivery on and which only
 * the log-delivery runbook's role holds. The statement's reason comes from the registry.
 */
function documentRole(document: RemediationDocument): Json {
  const name = document.file.replace(/\.yaml$/, '');
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `Role SSM Automation assumes to run the runbook ${name} of this stack, and nothing else.`,
      AssumeRolePolicyDocument: automationTrustPolicy(),
      Policies: [
        {
          PolicyName: `run-${name}`.slice(0, 128),
          PolicyDocument: { Version: '2012-10-17', Statement: grantStatements(grantsOf(document)) },
        },
      ],
    },
  };
}

/** Confused-deputy protection: only Automation executions of this account may assume a runbook role. */
function automationTrustPolicy(): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ssm.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
          ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-execution/*') },
        },
      },
    ],
  };
}

function grantStatements(grants: readonly Grant[]): Json[] {
  const seen = new Map<string, number>();
  return grants.map((grant) => {
    const service = pascal(grant.actions[0]!.split(':')[0]!);
    const base = 'on' in grant ? `${service}On${grant.on.map((kind) => pascal(kind.replace(':', '-'))).join('And')}` : `${service}OnAnyResource`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      Sid: count === 1 ? base : `${base}${count}`,
      Effect: 'Allow',
      Action: [...grant.actions].sort(),
      Resource: 'on' in grant ? (grant.on.length === 1 ? arnOf(grant.on[0]!) : grant.on.map(arnOf)) : '*',
    };
  });
}

/** What the verifier reads: every control's own read actions and the engine's Describe calls, never Config's. */
export function verifierReadActions(): string[] {
  return [...new Set(controls.flatMap((control) => iamActionsOf(control)).filter((action) => !action.startsWith('config:')))].sort();
}

/**
 * The function every runbook invokes last (aws:invokeLambdaFunction): it lists the one resource and
 * runs the control's own evaluator on it, so a runbook succeeds only when the control would say
 * COMPLIANT. Its role reads and never changes anything.
 */
function verifierResources(): Json {
  return {
    [VERIFIER_FUNCTION]: {
      Type: 'AWS::Serverless::Function',
      Metadata: { checkov: { skip: [NO_VPC_SKIP, PLAIN_ENVIRONMENT_SKIP] } },
      Properties: {
        Description: 'Re-evaluates one ElastiCache resource with a control of the catalog; the last step of every remediation runbook.',
        ...functionBase('remediation-verifier', VERIFIER_LOG_GROUP, VERIFIER_ROLE),
        Timeout: 60,
        // Automatic remediation runs at most a tenth of the non-compliant resources at once.
        ReservedConcurrentExecutions: { 'Fn::If': ['ReserveConcurrency', 10, ref('AWS::NoValue')] },
      },
    },
    [VERIFIER_ROLE]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'Execution role of the remediation verifier: read ElastiCache and what the controls judge, change nothing.',
        AssumeRolePolicyDocument: lambdaTrustPolicy(),
        Policies: [
          {
            PolicyName: 'read-and-judge',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                // Describe*/List*/Get* of the catalog's controls support no resource-level permissions.
                { Sid: 'ReadWhatTheControlsJudge', Effect: 'Allow', Action: verifierReadActions(), Resource: '*' },
                ...functionHousekeeping(VERIFIER_LOG_GROUP),
              ],
            },
          },
        ],
      },
    },
    [VERIFIER_LOG_GROUP]: logGroup('remediation-verifier'),
  };
}
