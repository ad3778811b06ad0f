/**
 * The README's list of grants on `*`, read from the templates.
 *
 * Scenarios
 * - Given a role with statements on `*` and on named resources, then only the actions on `*` are
 *   listed, once each, and a role with none is left out.
 * - Given the stack, then every write the templates grant on `*` is in the README (the remediation
 *   role's included), since the README is regenerated from them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSamTemplate } from '../../../infra/sam-template.ts';
import { readmeWildcardSection, wildcardActions } from '../../../infra/iam-docs.ts';

const role = (...statements: object[]) => ({ Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] } });

describe('grants on *', () => {
  it('lists only the actions a role may call on every resource', () => {
    const template = {
      Resources: {
        Reader: role(
          { Effect: 'Allow', Action: ['kms:DescribeKey', 'config:PutEvaluations'], Resource: '*' },
          { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'Topic' } },
          { Effect: 'Allow', Action: 'kms:DescribeKey', Resource: ['*'] },
        ),
        Scoped: role({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:q' }),
        Queue: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect(wildcardActions(template)).toEqual(new Map([['Reader', ['config:PutEvaluations', 'kms:DescribeKey']]]));
  });

  it('puts every write the stack grants on * in the README', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const section = readmeWildcardSection();
    expect(readme).toContain(section);
    const writes = [...wildcardActions(buildSamTemplate() as never).values()].flat().filter((a) => !/:(Describe|List|Get)/.test(a));
    expect(writes).toContain('config:PutEvaluations');
    for (const action of writes) expect(section).toContain(`\`${action}\``);
  });
});
