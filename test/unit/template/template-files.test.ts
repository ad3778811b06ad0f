/**
 * Files that are not templates or plans, and templates with syntax errors.
 *
 * Scenarios
 * - Given a YAML or JSON syntax error, then the error names the file and the line.
 * - Given YAML or JSON that is no template (a Kubernetes manifest, a package.json, a Terraform state,
 *   an empty file), then the error names the file and says what was expected.
 * - Given short-form intrinsics, then they are read in their long form.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCloudFormation } from '#shared/template/cloudformation-parse.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import { TemplateFileError } from '#shared/template/template-errors.ts';

const MALFORMED = 'test/fixtures/templates/malformed';

async function refusal(name: string): Promise<TemplateFileError> {
  const file = join(MALFORMED, name);
  try {
    loadTemplate(file, await readFile(file, 'utf8'));
  } catch (error) {
    if (error instanceof TemplateFileError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('files that cannot be judged', () => {
  it.each([
    ['yaml-syntax-error.yaml', 7, /not valid YAML or JSON/],
    ['json-syntax-error.json', 5, /not valid JSON/],
  ])('names the line of the syntax error in %s', async (name, line, message) => {
    // Act
    const error = await refusal(name);
    // Assess
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^${MALFORMED}/${name}:${line}: `));
    expect(error.message).toMatch(message);
  });

  it.each(['kubernetes-manifest.yaml', 'package-manifest.json', 'state-not-plan.json', 'empty.yaml'])(
    'refuses %s naming the file and what was expected',
    async (name) => {
      // Act
      const error = await refusal(name);
      // Assess
      expect(error.message.startsWith(`${MALFORMED}/${name}: `)).toBe(true);
      expect(error.message).toMatch(/CloudFormation|Terraform plan/);
    },
  );
});

describe('short-form intrinsics', () => {
  it('reads !Ref, !GetAtt, !Sub, !If and !Equals as their long forms', () => {
    // Act
    const parsed = parseCloudFormation(
      't.yaml',
      [
        'Resources:',
        '  A:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      R: !Ref B',
        '      G: !GetAtt B.Endpoint.Address',
        '      S: !Sub "${B}-x"',
        '      I: !If [C, !Equals [a, b], 1]',
      ].join('\n'),
    );
    // Assess
    expect(parsed.body.Resources).toEqual({
      A: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          R: { Ref: 'B' },
          G: { 'Fn::GetAtt': ['B', 'Endpoint.Address'] },
          S: { 'Fn::Sub': '${B}-x' },
          I: { 'Fn::If': ['C', { 'Fn::Equals': ['a', 'b'] }, 1] },
        },
      },
    });
    expect(parsed.resourceLines.get('A')).toBe(2);
  });
});
