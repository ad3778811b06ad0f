import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import {
  ACCOUNT_PACKS,
  MAX_PACK_BODY_BYTES,
  MAX_PACK_PARAMETERS,
  buildAccountConformancePack,
  buildOrganizationConformancePack,
  functionArnParameterOf,
} from '../../../infra/conformance-packs.ts';
import { buildMemberAccountRoleTemplate, buildOrganizationInvokePermissionsTemplate } from '../../../infra/organization-templates.ts';
import { logicalIdOf } from '../../../infra/sam-template.ts';
import { remediableControls, wiredDocument } from '../../../infra/remediation-plan.ts';
import { documentLogicalId, documentRoleId } from '../../../infra/template/remediation-resources.ts';

type Template = { Parameters: Record<string, any>; Resources: Record<string, { Type: string; Properties: any }> };
const accountPacks = ACCOUNT_PACKS.map((pack) => ({ ...pack, template: buildAccountConformancePack(pack) as Template }));
const organizationPack = buildOrganizationConformancePack() as Template;
/** Every account pack's rules, parameters and resources together: the account's whole deployment. */
const accountPack: Template = {
  Parameters: Object.assign({}, ...accountPacks.map((p) => p.template.Parameters)),
  Resources: Object.assign({}, ...accountPacks.map((p) => p.template.Resources)),
};

describe.each([
  ...accountPacks.map((p) => [p.path, p.template, p.controls] as const),
  ['infra/organization-conformance-pack.yaml', organizationPack, controls] as const,
])('%s', (path, pack, packControls) => {
  it('holds only the resource types a conformance pack accepts', () => {
    const types = new Set(Object.values(pack.Resources).map((r) => r.Type));
    for (const type of types) expect(['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration']).toContain(type);
  });

  it('fits the inline body and parameter limits of PutConformancePack', () => {
    expect(Buffer.byteLength(generatedFiles()[path]!)).toBeLessThanOrEqual(MAX_PACK_BODY_BYTES);
    expect(Object.keys(pack.Parameters).length).toBeLessThanOrEqual(MAX_PACK_PARAMETERS);
  });

  it.each(packControls.map((c) => [c.id, c] as const))('runs %s on the function ARN given as a pack parameter', (_id, control) => {
    const rule = pack.Resources[`${logicalIdOf(control)}Rule`]!.Properties;
    expect(rule.ConfigRuleName).toBe(ruleNameOf(control));
    expect(rule.Source.SourceIdentifier).toEqual({ Ref: functionArnParameterOf(control) });
    expect(pack.Parameters[functionArnParameterOf(control)]).toBeDefined();
    for (const name of Object.keys(control.parameters)) expect(Object.keys(rule.InputParameters)).toContain(name);
  });

  it('references only parameters it declares', () => {
    const refs = JSON.stringify(pack.Resources).match(/"Ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(7, -1);
      if (!name.startsWith('AWS::') && !name.endsWith('Rule')) expect(Object.keys(pack.Parameters)).toContain(name);
    }
  });
});

describe('the account conformance packs', () => {
  it('hold every control exactly once between them', () => {
    expect(accountPacks.flatMap((p) => p.controls.map((c) => c.id)).sort()).toEqual(controls.map((c) => c.id).sort());
    for (const p of accountPacks) expect(Object.values(p.template.Resources).filter((r) => r.Type === 'AWS::Config::ConfigRule')).toHaveLength(p.controls.length);
  });

  it('wires each automated runbook with its own role, both given as pack parameters, manual by default', () => {
    const remediations = Object.entries(accountPack.Resources).filter(([, r]) => r.Type === 'AWS::Config::RemediationConfiguration');
    expect(remediations.map(([name]) => name).sort()).toEqual(remediableControls().map((c) => `${logicalIdOf(c)}Remediation`).sort());
    for (const control of remediableControls()) {
      const document = wiredDocument(control)!;
      const remediation = accountPack.Resources[`${logicalIdOf(control)}Remediation`]!;
      expect(remediation.Properties.Parameters.AutomationAssumeRole).toEqual({ StaticValue: { Values: [{ Ref: `${documentRoleId(document)}Arn` }] } });
      expect(remediation.Properties.TargetId).toEqual({ Ref: `${documentLogicalId(document)}Name` });
      expect(remediation.Properties.Automatic).toEqual({ 'Fn::If': [`${logicalIdOf(control)}AutomaticRemediationOn`, true, false] });
      expect(accountPack.Parameters[`${logicalIdOf(control)}AutomaticRemediation`].Default).toBe('false');
    }
    expect(accountPack.Parameters.RemediationRoleArn).toBeUndefined();
  });

  it('requires the values the SAM stack would take from its own resources (the verifier, the operations topic)', () => {
    for (const name of ['RemediationVerifierFunctionName', 'NotificationTopicArn']) {
      const parameter = accountPack.Parameters[name];
      expect(parameter).not.toHaveProperty('Default');
      expect(new RegExp(parameter.AllowedPattern).test('')).toBe(false);
    }
  });
});

describe('the organization conformance pack', () => {
  it('passes ExecutionRoleName to every rule and carries no remediation', () => {
    for (const resource of Object.values(organizationPack.Resources)) {
      expect(resource.Type).toBe('AWS::Config::ConfigRule');
      expect(resource.Properties.InputParameters.ExecutionRoleName).toEqual({ Ref: 'ExecutionRoleName' });
    }
  });
});

describe('the member account role', () => {
  const role = (buildMemberAccountRoleTemplate() as Template).Resources.MemberRole!.Properties;

  it('trusts only the central function roles, from inside the organization', () => {
    const [trust] = role.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ AWS: { Ref: 'CentralFunctionRoleArns' } });
    expect(trust.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } } });
  });

  it('grants exactly what the controls read and report, nothing that changes a cache', () => {
    const granted = role.Policies[0].PolicyDocument.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(new Set(granted)).toEqual(new Set(controls.flatMap(iamActionsOf)));
    for (const action of granted) expect(action).toMatch(/^((elasticache|ec2|kms|config):(Describe|Get|PutEvaluations)|tag:GetResources$)/);
  });
});

describe('the organization invoke permissions', () => {
  it('let each member account\'s Config invoke each function, restricted to that account', () => {
    const resources = (buildOrganizationInvokePermissionsTemplate() as Template).Resources as Record<string, any>;
    for (const control of controls) {
      const [variable, list, body] = resources[`Fn::ForEach::${logicalIdOf(control)}Invokers`];
      expect([variable, list]).toEqual(['AccountId', { Ref: 'MemberAccountIds' }]);
      const permission = Object.values(body)[0] as { Properties: Record<string, unknown> };
      expect(permission.Properties).toMatchObject({ Principal: 'config.amazonaws.com', SourceAccount: { Ref: 'AccountId' } });
    }
  });
});
