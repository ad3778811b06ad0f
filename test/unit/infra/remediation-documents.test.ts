/**
 * The remediation documents are checked offline against the AWS service models botocore ships (the
 * models the Automation API actions call through), so a misspelt input, a wrong type or a selector
 * that points nowhere fails here rather than in an account.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { controls } from '#shared/controls/catalog.ts';
import {
  ASSUME_ROLE_PARAMETER,
  documentText,
  loadDocument,
  remediationDocuments,
  type AutomationDocument,
} from '../../../infra/remediation-documents.ts';
import { botocoreModels, validateAutomationDocument, wholeReference } from '../../support/ssm-validator.ts';

const models = botocoreModels();
const API_ACTIONS = ['aws:executeAwsApi', 'aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'];
const CHECK_ACTIONS = ['aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty'];

const apiStepsOf = (document: AutomationDocument) => document.mainSteps.filter((step) => API_ACTIONS.includes(step.action));
const copyOf = (document: AutomationDocument): AutomationDocument => structuredClone(document);
const stepNamed = (document: AutomationDocument, name: string) => document.mainSteps.find((step) => step.name === name)!;

describe('infra/remediation', () => {
  it('holds exactly the documents listed in remediationDocuments', () => {
    const files = readdirSync(new URL('../../../infra/remediation/', import.meta.url)).sort();
    expect(files).toEqual(remediationDocuments.map((entry) => entry.file).sort());
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
    const parameter = document.parameters[entry.resourceIdParameter];
    expect(parameter).toMatchObject({ type: 'String', allowedPattern: expect.any(String) });
    expect(parameter).not.toHaveProperty('default');
    const pattern = new RegExp(parameter!.allowedPattern!);
    expect(['my-cache', 'a', 'cache-0001-001'].filter((id) => !pattern.test(id))).toEqual([]);
    expect(['-cache', 'cache-', 'ca--che', 'cache;rm', '', '1cache'].filter((id) => pattern.test(id))).toEqual([]);
  });

  it('declares no parameter that Config would not fill', () => {
    const filled = [
      ASSUME_ROLE_PARAMETER,
      entry.resourceIdParameter,
      ...Object.keys(entry.staticParameters),
      ...Object.keys(entry.deploymentParameters ?? {}),
    ];
    const required = Object.entries(document.parameters).filter(([, parameter]) => !('default' in parameter));
    expect(required.map(([name]) => name).sort()).toEqual(filled.sort());
  });

  it('belongs to a control whose parameters feed its static parameters within their range', () => {
    expect(control).toBeDefined();
    for (const [documentParameter, controlParameter] of Object.entries(entry.staticParameters)) {
      const spec = control!.parameters[controlParameter];
      expect(spec).toBeDefined();
      const declared = document.parameters[documentParameter]!;
      if (spec!.kind !== 'integer') throw new Error(`static parameter ${documentParameter}: only integer control parameters are mapped`);
      expect(declared.type).toBe('Integer');
      const pattern = new RegExp(declared.allowedPattern!);
      const accepted = Array.from({ length: spec!.max + 3 }, (_, n) => n - 1).filter((n) => pattern.test(String(n)));
      expect({ min: Math.min(...accepted), max: Math.max(...accepted), count: accepted.length }).toEqual({
        min: spec!.min,
        max: spec!.max,
        count: spec!.max - spec!.min + 1,
      });
    }
  });

  it('accepts, in each document parameter the deployment fills, whatever the stack parameter accepts', () => {
    for (const [documentParameter, parameter] of Object.entries(entry.deploymentParameters ?? {})) {
      const declared = document.parameters[documentParameter]!;
      expect(declared.type).toBe('String');
      expect(declared.allowedPattern).toBe(`^${parameter.pattern}$`);
    }
  });

  it('lists exactly the IAM actions its API steps call, split into reads and changes', () => {
    const called = new Set(apiStepsOf(document).map((step) => `${String(step.inputs['Service'])}:${String(step.inputs['Api'])}`));
    expect([...entry.describeActions, ...entry.modifyActions].sort()).toEqual([...called].sort());
    expect(entry.describeActions.every((action) => /^elasticache:Describe/.test(action))).toBe(true);
    expect(entry.modifyActions.some((action) => /^elasticache:Describe/.test(action))).toBe(false);
  });

  it('passes the resource id to every API call', () => {
    const withoutId = apiStepsOf(document).filter((step) => wholeReference(step.inputs[entry.resourceIdParameter]) !== entry.resourceIdParameter);
    expect(withoutId.map((step) => step.name)).toEqual([]);
  });

  it('bounds every step with a timeout, waits included', () => {
    const unbounded = document.mainSteps.filter((step) => step.action !== 'aws:branch' && !(step.timeoutSeconds! > 0 && step.timeoutSeconds! <= 3600));
    expect(unbounded.map((step) => step.name)).toEqual([]);
  });

  it('changes the resource only after checking it can be modified, and verifies the change last', () => {
    const actions = document.mainSteps.map((step) => step.action);
    const firstChange = document.mainSteps.findIndex((step) => step.action === 'aws:executeAwsApi' && !String(step.inputs['Api']).startsWith('Describe'));
    const statusAssertion = document.mainSteps.findIndex(
      (step) => step.action === 'aws:assertAwsResourceProperty' && /Status$/.test(String(step.inputs['PropertySelector'])),
    );
    expect(statusAssertion).toBeGreaterThanOrEqual(0);
    expect(statusAssertion).toBeLessThan(firstChange);
    expect(actions.slice(firstChange + 1)).toEqual(['aws:waitForAwsResourceProperty', 'aws:assertAwsResourceProperty']);
    expect(document.mainSteps.at(-1)!.isEnd).toBe(true);
  });

  it('refuses a resource that is being deleted or failed to create', () => {
    const gate = document.mainSteps.find(
      (step) => step.action === 'aws:assertAwsResourceProperty' && /Status$/.test(String(step.inputs['PropertySelector'])),
    )!;
    expect(gate.inputs['DesiredValues']).toEqual(['available', 'modifying', 'snapshotting']);
    expect(gate.description).toMatch(/deleting/);
  });

  it('says in its description what it changes and what it does not', () => {
    expect(document.description).toMatch(/## What it changes/);
    expect(document.description).toMatch(/## What it does not change/);
    for (const step of document.mainSteps) {
      if (CHECK_ACTIONS.includes(step.action) || step.action === 'aws:executeAwsApi') expect(step.description).toBeTruthy();
    }
  });
});

describe('elasticache-encryption-in-transit-replication-group.yaml', () => {
  const document = loadDocument('elasticache-encryption-in-transit-replication-group.yaml');

  it('warns that plaintext clients are cut off', () => {
    expect(document.description).toMatch(/clients still connecting in plaintext are cut off/i);
  });

  it('checks that TLS is on and in preferred mode before anything else', () => {
    const [first, second] = document.mainSteps;
    expect(first!.inputs).toMatchObject({ PropertySelector: '$.ReplicationGroups[0].TransitEncryptionEnabled', DesiredValues: ['True'] });
    expect(second!.inputs).toMatchObject({ PropertySelector: '$.ReplicationGroups[0].TransitEncryptionMode' });
    expect(second!.inputs['DesiredValues']).not.toContain('required');
  });

  it('moves the group to required mode with TLS kept on, immediately', () => {
    expect(stepNamed(document, 'RequireTls').inputs).toEqual({
      Service: 'elasticache',
      Api: 'ModifyReplicationGroup',
      ReplicationGroupId: '{{ ReplicationGroupId }}',
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      ApplyImmediately: true,
    });
  });
});

describe('elasticache-high-availability-replication-group.yaml', () => {
  const document = loadDocument('elasticache-high-availability-replication-group.yaml');
  const change = document.mainSteps.findIndex((step) => step.name === 'EnableFailoverAndMultiAZ');

  it('refuses, before any change, a cluster-mode-enabled group and a group whose shard has no second node', () => {
    const clusterMode = document.mainSteps.findIndex((step) => step.name === 'AssertClusterModeIsDisabled');
    const replica = document.mainSteps.findIndex((step) => step.name === 'AssertReplicationGroupHasAReplica');
    expect(document.mainSteps[clusterMode]!.inputs).toMatchObject({ PropertySelector: '$.ReplicationGroups[0].ClusterEnabled', DesiredValues: ['False'] });
    expect(document.mainSteps[replica]!.inputs).toMatchObject({
      PropertySelector: '$.ReplicationGroups[0].NodeGroups[0].NodeGroupMembers[1].CurrentRole',
      DesiredValues: ['primary', 'replica'],
    });
    expect(Math.max(clusterMode, replica)).toBeLessThan(change);
    expect(document.description).toMatch(/adds \*\*no replica\*\*/);
  });

  it('enables automatic failover and Multi-AZ in one call, immediately, and checks both afterwards', () => {
    expect(document.mainSteps[change]!.inputs).toEqual({
      Service: 'elasticache',
      Api: 'ModifyReplicationGroup',
      ReplicationGroupId: '{{ ReplicationGroupId }}',
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      ApplyImmediately: true,
    });
    expect(document.mainSteps.slice(change + 1).map((step) => [step.inputs['PropertySelector'], step.inputs['DesiredValues']])).toEqual([
      ['$.ReplicationGroups[0].AutomaticFailover', ['enabled']],
      ['$.ReplicationGroups[0].MultiAZ', ['enabled']],
    ]);
  });
});

describe.each([
  ['elasticache-auto-minor-version-upgrade-replication-group.yaml', 'ModifyReplicationGroup', 'ReplicationGroupId', '$.ReplicationGroups[0]'],
  ['elasticache-auto-minor-version-upgrade-cache-cluster.yaml', 'ModifyCacheCluster', 'CacheClusterId', '$.CacheClusters[0]'],
])('%s', (file, api, idParameter, root) => {
  const document = loadDocument(file);

  it('sets AutoMinorVersionUpgrade to true, immediately, and checks it last', () => {
    expect(stepNamed(document, 'EnableAutoMinorVersionUpgrade').inputs).toEqual({
      Service: 'elasticache',
      Api: api,
      [idParameter]: `{{ ${idParameter} }}`,
      AutoMinorVersionUpgrade: true,
      ApplyImmediately: true,
    });
    expect(document.mainSteps.at(-1)!.inputs).toMatchObject({ PropertySelector: `${root}.AutoMinorVersionUpgrade`, DesiredValues: ['True'] });
  });

  it('says Redis OSS below 6.0 ignores the flag, so only an engine upgrade helps there', () => {
    expect(document.description).toMatch(/Redis OSS below 6\.0 ignores the flag/);
  });
});

describe('the validator', () => {
  // A known-good document, broken one way at a time: each break must be reported by name.
  const good = loadDocument('elasticache-automatic-backup-replication-group.yaml');

  it.each([
    [
      'an input that is not an API parameter',
      (d: AutomationDocument) => {
        const inputs = stepNamed(d, 'SetSnapshotRetentionLimit').inputs;
        inputs['SnapshotRetentionDays'] = inputs['SnapshotRetentionLimit'];
        delete inputs['SnapshotRetentionLimit'];
      },
      '"SnapshotRetentionDays" is not a member of ModifyReplicationGroupMessage',
    ],
    [
      'a literal of the wrong type',
      (d: AutomationDocument) => {
        stepNamed(d, 'SetSnapshotRetentionLimit').inputs['ApplyImmediately'] = 'true';
      },
      'ApplyImmediately: string "true" is not a boolean',
    ],
    [
      'a parameter reference of the wrong type',
      (d: AutomationDocument) => {
        d.parameters['SnapshotRetentionLimit']!.type = 'String';
      },
      '{{ SnapshotRetentionLimit }} is a String parameter, the API expects a integer',
    ],
    [
      'an unknown Api',
      (d: AutomationDocument) => {
        stepNamed(d, 'SetSnapshotRetentionLimit').inputs['Api'] = 'ModifyReplicationGroups';
      },
      'Api string "ModifyReplicationGroups" is not an operation of elasticache',
    ],
    [
      'an unknown Service',
      (d: AutomationDocument) => {
        stepNamed(d, 'SetSnapshotRetentionLimit').inputs['Service'] = 'elasticcache';
      },
      'Service string "elasticcache" is not a botocore service',
    ],
    [
      'a missing required API parameter',
      (d: AutomationDocument) => {
        delete stepNamed(d, 'SetSnapshotRetentionLimit').inputs['ReplicationGroupId'];
      },
      'required member "ReplicationGroupId" of ModifyReplicationGroupMessage is missing',
    ],
    [
      'an enum value the API does not know',
      (d: AutomationDocument) => {
        stepNamed(d, 'SetSnapshotRetentionLimit').inputs['TransitEncryptionMode'] = 'mandatory';
      },
      '"mandatory" is not one of preferred, required',
    ],
    [
      'a PropertySelector that points nowhere',
      (d: AutomationDocument) => {
        stepNamed(d, 'AssertRetentionIsSet').inputs['PropertySelector'] = '$.ReplicationGroups[0].RetentionLimit';
      },
      'ReplicationGroup (structure) has no .RetentionLimit',
    ],
    [
      'a boolean DesiredValue not spelt True/False',
      (d: AutomationDocument) => {
        stepNamed(d, 'AssertRetentionIsSet').inputs['PropertySelector'] = '$.ReplicationGroups[0].ClusterEnabled';
        stepNamed(d, 'AssertRetentionIsSet').inputs['DesiredValues'] = ['true'];
      },
      'DesiredValues "true" for a boolean must be "True" or "False"',
    ],
    [
      'a reference to an undeclared parameter',
      (d: AutomationDocument) => {
        stepNamed(d, 'SetSnapshotRetentionLimit').inputs['ReplicationGroupId'] = '{{ GroupId }}';
      },
      '{{ GroupId }} names no parameter and no earlier step output',
    ],
    [
      'a duplicated step name',
      (d: AutomationDocument) => {
        stepNamed(d, 'WaitForModificationToFinish').name = 'WaitForReplicationGroupAvailable';
      },
      'step WaitForReplicationGroupAvailable: the name is used by more than one step',
    ],
    [
      'a branch jumping to a step that does not exist',
      (d: AutomationDocument) => {
        (stepNamed(d, 'RaiseRetentionOnlyIfShorter').inputs['Choices'] as { NextStep: string }[])[0]!.NextStep = 'SetRetention';
      },
      'NextStep string "SetRetention" names no later step',
    ],
    [
      'schemaVersion written as a number',
      (d: AutomationDocument) => {
        (d as Record<string, unknown>)['schemaVersion'] = 0.3;
      },
      'schemaVersion must be the string "0.3" (got number 0.3)',
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
