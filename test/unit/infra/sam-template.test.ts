import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { generatedFiles } from '../../../infra/generated-files.ts';
import { buildSamTemplate, logicalIdOf, templateParameterOf } from '../../../infra/sam-template.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string };
const template = buildSamTemplate() as { Parameters: Record<string, any>; Resources: Record<string, Resource> };

/**
 * Actions that IAM offers on no resource type at all (Service Authorization Reference), so "*" is
 * the narrowest grant possible. Any other action on "*" must be read-only.
 */
const UNSCOPABLE_WRITES = new Set(['config:PutEvaluations']);
const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/;

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
        expect(rule.InputParameters[name]).toEqual({ Ref: templateParameterOf(control, name) });
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
      const statements = resources[`${id}Role`]!.Properties.Policies[0].PolicyDocument.Statement as {
        Action: string | string[];
        Resource: unknown;
      }[];
      const granted = statements.flatMap((s) => [s.Action].flat()).filter((a) => !/^(logs|sqs):/.test(a));
      expect(new Set(granted)).toEqual(new Set(iamActionsOf(control)));
    });
  });

  it('grants no write action on "*" except those IAM cannot scope', () => {
    for (const [name, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Role') continue;
      for (const policy of resource.Properties.Policies) {
        for (const statement of policy.PolicyDocument.Statement) {
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
