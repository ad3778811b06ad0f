/**
 * The remediation documents are checked offline against the AWS service models botocore ships (the
 * models the Automation API actions call through), so a misspelt input, a wrong type or a selector
 * that points nowhere fails here rather than in an account; and against the registry, so the IAM
 * grants the roles are built from are exactly the calls the steps and scripts make.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { controls } from '#shared/controls/catalog.ts';
import {
  ASSUME_ROLE_PARAMETER,
  RESOURCE_ID_PARAMETER,
  VERIFIER_PARAMETER,
  documentText,
  loadDocument,
  remediationDocuments,
  type AutomationDocument,
  type AutomationStep,
} from '../../../infra/remediation-documents.ts';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { botocoreModels, validateAutomationDocument, wholeReference } from '../../support/ssm-validator.ts';

const models = botocoreModels();
const API_ACTIONS = ['aws:executeAwsApi', 'aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'];
const KIND_OF: Record<string, string> = {
  [REPLICATION_GROUP]: 'replication-group',
  [CACHE_CLUSTER]: 'cache-cluster',
  [SERVERLESS_CACHE]: 'serverless-cache',
  [SNAPSHOT]: 'snapshot',
  [SERVERLESS_CACHE_SNAPSHOT]: 'serverless-cache-snapshot',
};
const ID_INPUTS = ['ReplicationGroupId', 'CacheClusterId', 'ServerlessCacheName', 'SnapshotName', 'ServerlessCacheSnapshotName'];
/** A runbook of a snapshot control takes a snapshot's name, and a deletion is its success, not a verdict. */
const takesSnapshots = (entry: { resourceTypes: readonly string[] }): boolean => entry.resourceTypes.some((type) => type === SNAPSHOT || type === SERVERLESS_CACHE_SNAPSHOT);
const cacheDocuments = remediationDocuments.filter((entry) => !takesSnapshots(entry));
/** Actions AWS authorizes only on "*" (Service Authorization Reference). */
const STAR_ONLY = /^(elasticache:Describe|ec2:DescribeSecurityGroupRules$|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries)$|ec2:Describe|kms:List)/;

const apiStepsOf = (document: AutomationDocument) => document.mainSteps.filter((step) => API_ACTIONS.includes(step.action));
const scriptsOf = (document: AutomationDocument) => document.mainSteps.filter((step) => step.action === 'aws:executeScript');
const copyOf = (document: AutomationDocument): AutomationDocument => structuredClone(document);
const stepNamed = (document: AutomationDocument, name: string) => document.mainSteps.find((step) => step.name === name)!;
const scriptOf = (step: AutomationStep) => String(step.inputs['Script']);

/** botocore's operation name for a boto3 method (describe_replication_groups → DescribeReplicationGroups). */
function operationOf(service: string, method: string): string | undefined {
  const operations = Object.keys(models(service)?.operations ?? {});
  return operations.find((operation) => operation.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() === method);
}

/**
 * The IAM actions a script calls: each `<name> = boto3.client('<service>')` binding, then every
 * `<name>.<method>(` on it, and `getattr(client, operation)` over the Describe operations named in
 * the script's KINDS table.
 */
function scriptActions(script: string): string[] {
  const actions = new Set<string>();
  const bindings = [...script.matchAll(/(\w+) = boto3\.client\('([a-z0-9-]+)'\)$/gm)].map(([, name, service]) => [name!, service!] as const);
  const inline = [...script.matchAll(/boto3\.client\('([a-z0-9-]+)'\)\.(\w+)\(/g)].map(([, service, method]) => [service!, method!] as const);
  const calls = [
    ...bindings.flatMap(([name, service]) => [...script.matchAll(new RegExp(`\\b${name}\\.(\\w+)\\(`, 'g'))].map(([, method]) => [service, method!] as const)),
    ...inline,
    ...(script.includes('getattr(client, operation)') ? [...script.matchAll(/\('(describe_\w+)'/g)].map(([, method]) => ['elasticache', method!] as const) : []),
  ];
  // Helper functions the script defines take a client argument and call it too.
  for (const [, method] of script.matchAll(/client\.(\w+)\(/g)) calls.push(['elasticache', method!]);
  for (const [service, method] of calls) {
    const operation = operationOf(service === 'logs' ? 'logs' : service, method);
    if (operation === undefined) throw new Error(`script calls ${service}.${method}, which botocore's ${service} model does not have`);
    actions.add(`${service}:${operation}`);
  }
  return [...actions];
}

function calledActions(document: AutomationDocument): string[] {
  const called = new Set(apiStepsOf(document).map((step) => `${String(step.inputs['Service'])}:${String(step.inputs['Api'])}`));
  for (const step of scriptsOf(document)) for (const action of scriptActions(scriptOf(step))) called.add(action);
  if (document.mainSteps.some((step) => step.action === 'aws:invokeLambdaFunction')) called.add('lambda:InvokeFunction');
  // ElastiCache checks the vended-log delivery actions on the caller of a change that turns log
  // delivery on (ElastiCache User Guide, "Logging destinations"), though no step calls them itself.
  if (scriptsOf(document).some((step) => /LogDeliveryConfigurations=/.test(scriptOf(step)))) {
    for (const action of ['CreateLogDelivery', 'GetLogDelivery', 'UpdateLogDelivery', 'DeleteLogDelivery', 'ListLogDeliveries']) called.add(`logs:${action}`);
  }
  return [...called].sort();
}

describe('infra/remediation', () => {
  it('holds exactly the documents listed in remediationDocuments', () => {
    const files = readdirSync(new URL('../../../infra/remediation/', import.meta.url)).sort();
    expect(files).toEqual(remediationDocuments.map((entry) => entry.file).sort());
  });

  it('has at most one automated document per control (Config wires one per rule) and only controls of the catalog', () => {
    const automated = remediationDocuments.filter((entry) => entry.mode === 'automated').map((entry) => entry.controlId);
    expect(automated.filter((id, i) => automated.indexOf(id) !== i)).toEqual([]);
    const ids = new Set(controls.map((control) => control.id));
    expect(remediationDocuments.filter((entry) => !ids.has(entry.controlId)).map((entry) => entry.file)).toEqual([]);
  });

  it('shares one IdentifyResource script and one AssertCompliant script across every document of a cache control', () => {
    const identify = new Set(cacheDocuments.map(({ file }) => scriptOf(stepNamed(loadDocument(file), 'IdentifyResource'))));
    const assertion = new Set(cacheDocuments.map(({ file }) => scriptOf(stepNamed(loadDocument(file), 'AssertCompliant'))));
    expect([identify.size, assertion.size]).toEqual([1, 1]);
  });
});

describe.each(remediationDocuments.map((entry) => [entry.file, entry] as const))('%s', (file, entry) => {
  const document = loadDocument(file);
  const control = controls.find((candidate) => candidate.id === entry.controlId);

  it('is valid against the botocore models of the APIs it calls', () => {
    expect(validateAutomationDocument(document, models)).toEqual([]);
  });

  it('parses the same as YAML 1.1, which older SSM tooling and PyYAML read', () => {
    expect(parse(documentText(file), { version: '1.1' })).toEqual(document);
  });

  it('runs as the role passed in AutomationAssumeRole', () => {
    expect(document.assumeRole).toBe(`{{ ${ASSUME_ROLE_PARAMETER} }}`);
    expect(document.parameters[ASSUME_ROLE_PARAMETER]).toMatchObject({ type: 'String' });
    expect(document.parameters[ASSUME_ROLE_PARAMETER]).not.toHaveProperty('default');
  });

  it('takes the resource id Config passes in a required String parameter with a pattern', () => {
    expect(entry.resourceIdParameter).toBe(RESOURCE_ID_PARAMETER);
    const parameter = document.parameters[entry.resourceIdParameter];
    expect(parameter).toMatchObject({ type: 'String', allowedPattern: expect.any(String) });
    expect(parameter).not.toHaveProperty('default');
    const pattern = new RegExp(parameter!.allowedPattern!);
    if (takesSnapshots(entry)) {
      expect(['orders-final', 'a', 'automatic.orders-2026-12-07-06-00', 'snap_2026', 'x'.repeat(255)].filter((id) => !pattern.test(id))).toEqual([]);
      expect(['-snap', '.snap', 'snap;rm', 'snap shot', 'snap/../x', '', 'x'.repeat(256)].filter((id) => pattern.test(id))).toEqual([]);
      return;
    }
    expect(['my-cache', 'a', 'cache-0001-001', 'x'.repeat(50)].filter((id) => !pattern.test(id))).toEqual([]);
    expect(['-cache', 'cache-', 'ca--che', 'cache;rm', '', '1cache', 'x'.repeat(51)].filter((id) => pattern.test(id))).toEqual([]);
  });

  it('declares no required parameter that Config (or, for a manual runbook, its operator) would not fill', () => {
    const filled = [
      ASSUME_ROLE_PARAMETER,
      entry.resourceIdParameter,
      ...Object.keys(entry.staticParameters),
      ...Object.keys(entry.deploymentParameters),
      ...entry.operatorParameters,
    ];
    const required = Object.entries(document.parameters).filter(([, parameter]) => !('default' in parameter)).map(([name]) => name);
    expect(required.filter((name) => !filled.includes(name))).toEqual([]);
    expect(filled.filter((name) => !(name in document.parameters))).toEqual([]);
    if (entry.mode === 'automated') expect(entry.operatorParameters).toEqual([]);
  });

  it('takes each control parameter it is given in a document parameter accepting exactly the rule\'s values', () => {
    expect(control).toBeDefined();
    for (const [documentParameter, controlParameter] of Object.entries(entry.staticParameters)) {
      const spec = control!.parameters[controlParameter];
      expect(spec).toBeDefined();
      const declared = document.parameters[documentParameter]!;
      const pattern = new RegExp(declared.allowedPattern ?? '.*');
      if (spec!.kind === 'integer') {
        expect(declared.type).toBe('Integer');
        const accepted = Array.from({ length: spec!.max + 3 }, (_, n) => n - 1).filter((n) => pattern.test(String(n)));
        expect({ min: Math.min(...accepted), max: Math.max(...accepted), count: accepted.length }).toEqual({ min: spec!.min, max: spec!.max, count: spec!.max - spec!.min + 1 });
      } else if (spec!.kind === 'boolean') {
        expect(declared.type).toBe('String');
        expect(['true', 'false', 'TRUE', 'False'].filter((text) => !pattern.test(text))).toEqual([]);
        expect(['yes', '1', ''].filter((text) => pattern.test(text))).toEqual([]);
      } else {
        expect(declared.type).toBe('String');
        expect(pattern.test(spec!.defaultText)).toBe(true);
      }
    }
  });

  it('passes every control parameter to the verifier, so its verdict is the rule\'s', () => {
    const payload = stepNamed(document, 'VerifyCompliance').inputs['InputPayload'] as { controlId: string; resourceId: string; ruleParameters: Record<string, string> };
    expect(payload.controlId).toBe(entry.controlId);
    expect(wholeReference(payload.resourceId)).toBe(RESOURCE_ID_PARAMETER);
    expect(Object.keys(payload.ruleParameters).sort()).toEqual(Object.keys(control!.parameters).sort());
    for (const [documentParameter, controlParameter] of Object.entries(entry.staticParameters)) {
      expect(wholeReference(payload.ruleParameters[controlParameter])).toBe(documentParameter);
    }
    expect(stepNamed(document, 'VerifyCompliance').inputs['FunctionName']).toBe(`{{ ${VERIFIER_PARAMETER} }}`);
  });

  it('accepts, in each document parameter the deployment fills, whatever the stack parameter accepts', () => {
    for (const [documentParameter, parameter] of Object.entries(entry.deploymentParameters)) {
      const declared = document.parameters[documentParameter]!;
      expect(declared.type).toBe('String');
      expect(declared.allowedPattern).toBe(`^${parameter.pattern}$`);
    }
  });

  it('is granted exactly the IAM actions its API steps, scripts and verifier call', () => {
    expect(entry.grants.map((grant) => grant.action).sort()).toEqual(calledActions(document));
  });

  it('scopes every grant to ARN kinds, except the actions AWS authorizes only on "*", each with its reason', () => {
    const onStar = entry.grants.filter((grant) => grant.on === '*');
    expect(onStar.filter((grant) => !STAR_ONLY.test(grant.action)).map((grant) => grant.action)).toEqual([]);
    expect(onStar.filter((grant) => grant.on === '*' && !(grant.reason.length > 10)).map((grant) => grant.action)).toEqual([]);
    expect(entry.grants.filter((grant) => grant.on !== '*' && grant.on.length === 0)).toEqual([]);
  });

  it('finds which kind of resource the id names first, refusing any kind it does not fix', () => {
    const identify = stepNamed(document, 'IdentifyResource');
    expect(document.mainSteps.slice(0, 2).map((step) => step.name)).toContain('IdentifyResource');
    expect((identify.inputs['InputPayload'] as { Fixes: string[] }).Fixes).toEqual(entry.resourceTypes.map((type) => KIND_OF[type]));
  });

  it('passes the resource id to every API call', () => {
    const withoutId = apiStepsOf(document).filter((step) => !ID_INPUTS.some((input) => wholeReference(step.inputs[input]) === RESOURCE_ID_PARAMETER));
    expect(withoutId.map((step) => step.name)).toEqual([]);
  });

  it('bounds every step with a timeout, waits included', () => {
    const unbounded = document.mainSteps.filter((step) => step.action !== 'aws:branch' && !(step.timeoutSeconds! > 0 && step.timeoutSeconds! <= 3600));
    expect(unbounded.map((step) => step.name)).toEqual([]);
  });

  it('changes a resource only after checking it is not being deleted, and ends on the verifier\'s verdict', () => {
    const changes = document.mainSteps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => (step.action === 'aws:executeAwsApi' && !/^Describe/.test(String(step.inputs['Api']))) || (step.action === 'aws:executeScript' && /\.(modify_|increase_|revoke_|enable_key|cancel_key_deletion|delete_)/.test(scriptOf(step))));
    expect(changes.length).toBeGreaterThan(0);
    const gates = document.mainSteps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => step.action === 'aws:assertAwsResourceProperty' && /Status$/.test(String(step.inputs['PropertySelector'])));
    for (const { step, index } of changes) {
      expect({ change: step.name, gated: gates.some((gate) => gate.index < index && !(gate.step.inputs['DesiredValues'] as string[]).includes('deleting')) }).toEqual({ change: step.name, gated: true });
    }
    expect(document.mainSteps.slice(-2).map((step) => [step.name, step.action])).toEqual([
      ['VerifyCompliance', 'aws:invokeLambdaFunction'],
      [takesSnapshots(entry) ? 'AssertDeleted' : 'AssertCompliant', 'aws:executeScript'],
    ]);
    expect(document.mainSteps.at(-1)!.isEnd).toBe(true);
  });

  it('says in its description what it changes and what it does not, and describes every step', () => {
    expect(document.description).toMatch(/## What it changes/);
    expect(document.description).toMatch(/## What it does not change/);
    expect(document.description).toMatch(/## Permissions the AutomationAssumeRole needs/);
    expect(document.mainSteps.filter((step) => !step.description).map((step) => step.name)).toEqual([]);
    if (entry.mode === 'manual') expect(document.description).toMatch(/manual runbook/i);
  });
});

describe('elasticache-encryption-in-transit.yaml', () => {
  const document = loadDocument('elasticache-encryption-in-transit.yaml');

  it('warns that plaintext clients are cut off', () => {
    expect(document.description).toMatch(/clients still connecting in plaintext are cut off/i);
  });

  it('checks that TLS is on and in preferred mode before anything else', () => {
    expect(stepNamed(document, 'AssertTlsIsOn').inputs).toMatchObject({ PropertySelector: '$.ReplicationGroups[0].TransitEncryptionEnabled', DesiredValues: ['True'] });
    expect(stepNamed(document, 'AssertTlsModeIsPreferred').inputs['DesiredValues']).not.toContain('required');
  });

  it('moves the group to required mode with TLS kept on, immediately', () => {
    expect(stepNamed(document, 'RequireTls').inputs).toEqual({
      Service: 'elasticache',
      Api: 'ModifyReplicationGroup',
      ReplicationGroupId: '{{ ResourceId }}',
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      ApplyImmediately: true,
    });
  });
});

describe('elasticache-high-availability.yaml', () => {
  const document = loadDocument('elasticache-high-availability.yaml');

  it('adds replicas only when AddReplicas, off by default, asks for it', () => {
    expect(document.parameters['AddReplicas']).toEqual(expect.objectContaining({ type: 'Boolean', default: false }));
    expect(scriptOf(stepNamed(document, 'CountReplicasPerShard'))).toMatch(/events\['AddReplicas'\] is not True/);
    expect(stepNamed(document, 'AddReplicasOnlyIfShort').inputs['Default']).toBe('EnableOnlyIfOff');
  });

  it('counts the replicas of every shard, not only the first', () => {
    const script = scriptOf(stepNamed(document, 'CountReplicasPerShard'));
    expect(script).toMatch(/for shard in node_groups/);
    expect(script).not.toMatch(/NodeGroups'\]\[0\]/);
  });
});

describe('the validator', () => {
  // A known-good document, broken one way at a time: each break must be reported by name.
  const good = loadDocument('elasticache-automatic-backup.yaml');
  const SET = 'SetReplicationGroupRetention';
  const WAIT = 'WaitForReplicationGroupModified';

  it.each([
    [
      'an input that is not an API parameter',
      (d: AutomationDocument) => {
        const inputs = stepNamed(d, SET).inputs;
        inputs['SnapshotRetentionDays'] = inputs['SnapshotRetentionLimit'];
        delete inputs['SnapshotRetentionLimit'];
      },
      '"SnapshotRetentionDays" is not a member of ModifyReplicationGroupMessage',
    ],
    ['a literal of the wrong type', (d: AutomationDocument) => void (stepNamed(d, SET).inputs['ApplyImmediately'] = 'true'), 'ApplyImmediately: string "true" is not a boolean'],
    [
      'a parameter reference of the wrong type',
      (d: AutomationDocument) => void (d.parameters['MinimumRetentionDays']!.type = 'String'),
      '{{ MinimumRetentionDays }} is a String parameter, the API expects a integer',
    ],
    ['an unknown Api', (d: AutomationDocument) => void (stepNamed(d, SET).inputs['Api'] = 'ModifyReplicationGroups'), 'Api string "ModifyReplicationGroups" is not an operation of elasticache'],
    ['an unknown Service', (d: AutomationDocument) => void (stepNamed(d, SET).inputs['Service'] = 'elasticcache'), 'Service string "elasticcache" is not a botocore service'],
    [
      'a missing required API parameter',
      (d: AutomationDocument) => void delete stepNamed(d, SET).inputs['ReplicationGroupId'],
      'required member "ReplicationGroupId" of ModifyReplicationGroupMessage is missing',
    ],
    ['an enum value the API does not know', (d: AutomationDocument) => void (stepNamed(d, SET).inputs['TransitEncryptionMode'] = 'mandatory'), '"mandatory" is not one of preferred, required'],
    [
      'a PropertySelector that points nowhere',
      (d: AutomationDocument) => void (stepNamed(d, WAIT).inputs['PropertySelector'] = '$.ReplicationGroups[0].RetentionLimit'),
      'ReplicationGroup (structure) has no .RetentionLimit',
    ],
    [
      'a boolean DesiredValue not spelt True/False',
      (d: AutomationDocument) => {
        stepNamed(d, WAIT).inputs['PropertySelector'] = '$.ReplicationGroups[0].ClusterEnabled';
        stepNamed(d, WAIT).inputs['DesiredValues'] = ['true'];
      },
      'DesiredValues "true" for a boolean must be "True" or "False"',
    ],
    ['a reference to an undeclared parameter', (d: AutomationDocument) => void (stepNamed(d, SET).inputs['ReplicationGroupId'] = '{{ GroupId }}'), '{{ GroupId }} names no parameter and no earlier step output'],
    ['a duplicated step name', (d: AutomationDocument) => void (stepNamed(d, WAIT).name = 'WaitForReplicationGroupAvailable'), 'step WaitForReplicationGroupAvailable: the name is used by more than one step'],
    [
      'a branch jumping to a step that does not exist',
      (d: AutomationDocument) => void ((stepNamed(d, 'RaiseReplicationGroupRetentionOnlyIfShorter').inputs['Choices'] as { NextStep: string }[])[0]!.NextStep = 'SetRetention'),
      'NextStep string "SetRetention" names no later step',
    ],
    ['schemaVersion written as a number', (d: AutomationDocument) => void ((d as Record<string, unknown>)['schemaVersion'] = 0.3), 'schemaVersion must be the string "0.3" (got number 0.3)'],
    ['a script runtime Automation does not offer', (d: AutomationDocument) => void (stepNamed(d, 'IdentifyResource').inputs['Runtime'] = 'python2.7'), 'Runtime must be one of python3.11'],
    ['a handler the script does not define', (d: AutomationDocument) => void (stepNamed(d, 'IdentifyResource').inputs['Handler'] = 'find'), 'the script defines no "def find(events, context):"'],
    [
      'a script output that does not select from the payload',
      (d: AutomationDocument) => void (stepNamed(d, 'IdentifyResource').outputs![0]!.Selector = '$.Kind'),
      'output Kind Selector must select $.Payload.<key>',
    ],
    [
      'a reference to a script output that does not exist',
      (d: AutomationDocument) => void ((stepNamed(d, 'ChooseKind').inputs['Choices'] as { Variable: string }[])[0]!.Variable = '{{ IdentifyResource.Type }}'),
      '{{ IdentifyResource.Type }} names no parameter and no earlier step output',
    ],
    [
      'outputs declared on an invokeLambdaFunction step',
      (d: AutomationDocument) => void (stepNamed(d, 'VerifyCompliance').outputs = [{ Name: 'Verdict', Selector: '$.Payload', Type: 'String' }]),
      'aws:invokeLambdaFunction declares no outputs',
    ],
    ['an input invokeLambdaFunction does not take', (d: AutomationDocument) => void (stepNamed(d, 'VerifyCompliance').inputs['Function'] = 'x'), '"Function" is not an input of aws:invokeLambdaFunction'],
    [
      'an asynchronous invocation, which returns no verdict',
      (d: AutomationDocument) => void (stepNamed(d, 'VerifyCompliance').inputs['InvocationType'] = 'Event'),
      'only InvocationType RequestResponse returns a Payload to check',
    ],
  ])('rejects %s', (_name, breakIt, expected) => {
    const broken = copyOf(good);
    breakIt(broken);
    expect(validateAutomationDocument(broken, models)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('accepts the unbroken original (so the rejections above are the breaks)', () => {
    expect(validateAutomationDocument(copyOf(good), models)).toEqual([]);
  });
});
