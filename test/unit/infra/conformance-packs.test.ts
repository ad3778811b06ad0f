import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import {
  MAX_PACK_BODY_BYTES,
  MAX_PACK_PARAMETERS,
  buildAccountConformancePack,
  buildOrganizationConformancePack,
  functionArnParameterOf,
} from '../../../infra/conformance-packs.ts';
import { buildMemberAccountRoleTemplate, buildOrganizationInvokePermissionsTemplate } from '../../../infra/organization-templates.ts';
import { logicalIdOf } from '../../../infra/sam-template.ts';

type Template = { Parameters: Record<string, any>; Resources: Record<string, { Type: string; Properties: any }> };
const accountPack = buildAccountConformancePack() as Template;
const organizationPack = buildOrganizationConformancePack() as Template;

describe.each([
  ['infra/conformance-pack.yaml', accountPack],
  ['infra/organization-conformance-pack.yaml', organizationPack],
] as const)('%s', (path, pack) => {
  it('holds only the resource types a conformance pack accepts', () => {
    const types = new Set(Object.values(pack.Resources).map((r) => r.Type));
    for (const type of types) expect(['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration']).toContain(type);
  });

  it('fits the inline body and parameter limits of PutConformancePack', () => {
    expect(Buffer.byteLength(generatedFiles()[path]!)).toBeLessThanOrEqual(MAX_PACK_BODY_BYTES);
    expect(Object.keys(pack.Parameters).length).toBeLessThanOrEqual(MAX_PACK_PARAMETERS);
  });

  it.each(controls.map((c) => [c.id, c] as const))('runs %s on the function ARN given as a pack parameter', (_id, control) => {
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

describe('the account conformance pack', () => {
  it('wires remediation with the role and documents given as pack parameters, manual by default', () => {
    const remediations = Object.values(accountPack.Resources).filter((r) => r.Type === 'AWS::Config::RemediationConfiguration');
    expect(remediations).toHaveLength(controls.filter((c) => c.automatedRemediation).length);
    for (const remediation of remediations) {
      expect(remediation.Properties.Parameters.AutomationAssumeRole).toEqual({ StaticValue: { Values: [{ Ref: 'RemediationRoleArn' }] } });
      expect(remediation.Properties.Automatic['Fn::If'][0]).toMatch(/AutomaticRemediationOn$/);
    }
    for (const control of controls.filter((c) => c.automatedRemediation)) {
      expect(accountPack.Parameters[`${logicalIdOf(control)}AutomaticRemediation`].Default).toBe('false');
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
