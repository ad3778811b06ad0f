/**
 * Builds template.yaml (AWS SAM) from the control catalog: the control functions and rules, the
 * remediation documents and their configurations, and the alert pipeline. `npm run generate`
 * writes it; a test fails when the committed file differs.
 */
import type { ParameterSpecs } from '#shared/engine/parameters.ts';
import { HOOK_CONDITIONS, HOOK_PARAMETERS, hookResources } from './template/hook-resources.ts';
import { controls } from '#shared/controls/catalog.ts';
import { ALERT_PARAMETERS, alertResources } from './template/alert-resources.ts';
import { FAILED_RUN_QUEUE, ORGANIZATION_PARAMETERS, controlResources } from './template/control-resources.ts';
import { CHANGE_QUEUE, DETECTION_CONDITIONS, DETECTION_PARAMETERS, detectionResources } from './template/detection-resources.ts';
import { OPERATIONS_TOPIC, operationsResources } from './template/operations-resources.ts';
import { DASHBOARD_CONDITIONS, DASHBOARD_PARAMETERS, dashboardResources } from './template/dashboard-resources.ts';
import {
  VERIFIER_FUNCTION,
  documentLogicalId,
  documentRoleId,
  remediationConditions,
  remediationParameters,
  remediationResources,
} from './template/remediation-resources.ts';
import { remediationDocuments } from './remediation-documents.ts';
import { ENGINE_PARAMETERS } from '#shared/engine/engine-parameters.ts';
import {
  FREQUENCY_PARAMETER,
  SERVERLESS_PARAMETER,
  blankParameterConditions,
  getAtt,
  logicalIdOf,
  ref,
  switchParameter,
  templateParameter,
  templateParameterOf,
  type Json,
} from './template/template-parts.ts';

export { logicalIdOf, templateParameterOf } from './template/template-parts.ts';

export function buildSamTemplate(): Json {
  const parameters: Json = {
    ExecutionFrequency: FREQUENCY_PARAMETER,
    [SERVERLESS_PARAMETER]: templateParameter(ENGINE_PARAMETERS.includeServerlessCaches),
    LogRetentionDays: {
      Type: 'Number',
      Description: "Days the functions' CloudWatch logs are kept.",
      AllowedValues: [30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      Default: 365,
    },
  };
  const resources: Json = {};
  for (const control of controls) {
    for (const [name, spec] of Object.entries(control.parameters as ParameterSpecs)) {
      parameters[templateParameterOf(control, name)] = templateParameter(spec);
    }
    Object.assign(resources, controlResources(control));
  }
  Object.assign(parameters, remediationParameters(), ALERT_PARAMETERS, ORGANIZATION_PARAMETERS, DEPLOYMENT_PARAMETERS, DASHBOARD_PARAMETERS, DETECTION_PARAMETERS);
  Object.assign(resources, remediationResources(), alertResources(), operationsResources(), dashboardResources(), detectionResources());
  Object.assign(parameters, HOOK_PARAMETERS);
  Object.assign(resources, hookResources());
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description:
      'elasticache-config-rules: custom AWS Config rules for Amazon ElastiCache, one Lambda per control, with SSM remediation, SNS alerts and change detection. Generated from the control catalog by `npm run generate`; do not edit by hand.',
    Parameters: parameters,
    Conditions: {
      ...blankParameterConditions(controls),
      ...remediationConditions(),
      DeployRules: { 'Fn::Equals': [ref('DeployRules'), 'true'] },
      ReserveConcurrency: { 'Fn::Equals': [ref('ReserveConcurrency'), 'true'] },
      ...DASHBOARD_CONDITIONS,
      HasAlertEmail: { 'Fn::Not': [{ 'Fn::Equals': [ref('AlertEmail'), ''] }] },
      OrganizationMode: {
        'Fn::And': [
          { 'Fn::Not': [{ 'Fn::Equals': [ref('MemberAccountRoleName'), ''] }] },
          { 'Fn::Not': [{ 'Fn::Equals': [ref('OrganizationId'), ''] }] },
        ],
      },
      ...DETECTION_CONDITIONS,
      ...HOOK_CONDITIONS,
    },
    Resources: resources,
    Outputs: {
      ...Object.fromEntries(
        controls.map((control) => [
          `${logicalIdOf(control)}FunctionArn`,
          {
            Description: `Lambda ARN of the ${control.id} rule (a conformance pack parameter).`,
            Value: getAtt(`${logicalIdOf(control)}Function`, 'Arn'),
          },
        ]),
      ),
      ...Object.fromEntries(
        controls.map((control) => [
          `${logicalIdOf(control)}RoleArn`,
          {
            Description: `Execution role of the ${control.id} function (trusted by the member-account role in organization mode).`,
            Value: getAtt(`${logicalIdOf(control)}Role`, 'Arn'),
          },
        ]),
      ),
      ...Object.fromEntries(
        remediationDocuments.map((document) => [
          `${documentLogicalId(document)}Name`,
          { Description: `Name of the SSM document ${document.file} (a conformance pack parameter).`, Value: ref(documentLogicalId(document)) },
        ]),
      ),
      ...Object.fromEntries(
        remediationDocuments.map((document) => [
          `${documentRoleId(document)}Arn`,
          {
            Description: `Role the runbook ${document.file} runs as: pass it as AutomationAssumeRole (a conformance pack parameter when wired).`,
            Value: getAtt(documentRoleId(document), 'Arn'),
          },
        ]),
      ),
      RemediationVerifierFunctionArn: {
        Description: 'Function every runbook invokes last to re-evaluate the resource it changed.',
        Value: getAtt(VERIFIER_FUNCTION, 'Arn'),
      },
      AlertTopicArn: { Description: 'SNS topic of the compliance alerts: subscribe here.', Value: ref('AlertTopic') },
      OperationsTopicArn: { Description: 'SNS topic of failed-run alarms: subscribe whoever runs the rules.', Value: ref(OPERATIONS_TOPIC) },
      FailedRunQueueUrl: { Description: 'Invocations that failed after retries.', Value: ref(FAILED_RUN_QUEUE) },
      ChangeDetectorRoleArn: {
        Condition: 'DetectChanges',
        Description: 'Execution role of the change detector (add it to CentralFunctionRoleArns of the member-account role in organization mode).',
        Value: getAtt('ChangeDetectorRole', 'Arn'),
      },
      ChangeQueueUrl: {
        Condition: 'DetectChanges',
        Description: 'API calls (and refused rule starts) waiting for the change detector.',
        Value: ref(CHANGE_QUEUE),
      },
    },
  };
}

const DEPLOYMENT_PARAMETERS: Json = {
  DeployRules: switchParameter(
    'When "false", the stack deploys the functions, documents and alerts but no Config rules or remediation configurations: a conformance pack deploys those instead.',
    'true',
  ),
  ReserveConcurrency: switchParameter(
    'When "true", each rule function runs one invocation at a time (reserved concurrency 1; the notifier 5). Turn off in accounts whose Lambda concurrency quota cannot keep 100 unreserved.',
    'true',
  ),
};
