/**
 * Intrinsic functions resolved as far as the template alone allows.
 *
 * Scenarios
 * - Given parameters with defaults (list types split), mappings and conditions, then Ref, Fn::FindInMap,
 *   Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, Fn::Join, Fn::Select, Fn::Split, Fn::Sub and
 *   Fn::Base64 give their values; AWS::NoValue drops the property.
 * - Given a parameter without a default, a pseudo parameter, an import, an unknown function or a
 *   reference to nothing, then Unknown with the reason; an Fn::If on an unknown condition whose
 *   branches agree still gives the value.
 * - Given a Ref or Fn::GetAtt to a resource of the template, then a ResourceReference.
 */
import { NO_VALUE, ResourceReference, createResolver } from '#shared/template/cloudformation-resolve.ts';
import { Unknown } from '#shared/template/deploy-time.ts';

const template = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    Zones: { Type: 'CommaDelimitedList', Default: 'eu-west-1a, eu-west-1b' },
    Secret: { Type: 'String', NoEcho: true },
  },
  Mappings: { Size: { prod: { Nodes: 3 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
    Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
    Unknowable: { 'Fn::Equals': [{ Ref: 'Secret' }, 'x'] },
    Loop: { Condition: 'Loop' },
  },
  Resources: { Key: { Type: 'AWS::KMS::Key' } },
};

describe('the intrinsic resolver', () => {
  const { resolve, condition } = createResolver(template);

  it.each<[string, unknown, unknown]>([
    ['Ref to a parameter default', { Ref: 'Env' }, 'prod'],
    ['a list parameter, split', { Ref: 'Zones' }, ['eu-west-1a', 'eu-west-1b']],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Size', { Ref: 'Env' }, 'Nodes'] }, 3],
    ['Fn::If', { 'Fn::If': ['IsProd', 'a', 'b'] }, 'a'],
    ['Fn::Join', { 'Fn::Join': ['-', ['a', { Ref: 'Env' }]] }, 'a-prod'],
    ['Fn::Select', { 'Fn::Select': [1, { Ref: 'Zones' }] }, 'eu-west-1b'],
    ['Fn::Split', { 'Fn::Split': [',', 'a,b'] }, ['a', 'b']],
    ['Fn::Sub with a variable map', { 'Fn::Sub': ['${A}-${Env}-${!Literal}', { A: 'x' }] }, 'x-prod-${Literal}'],
    ['Fn::Base64', { 'Fn::Base64': 'text' }, 'text'],
    ['AWS::NoValue in a list', [1, { Ref: 'AWS::NoValue' }, 2], [1, 2]],
    ['an Fn::If on an unknown condition whose branches agree', { 'Fn::If': ['Unknowable', 5, 5] }, 5],
  ])('resolves %s', (_what, value, expected) => {
    expect(resolve(value)).toEqual(expected);
  });

  it('drops a property set to AWS::NoValue', () => {
    expect(resolve({ A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual({ B: 1 });
    expect(resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('evaluates conditions, and says when one cannot be decided', () => {
    expect([condition('IsProd'), condition('IsDev'), condition('Both'), condition('Either')]).toEqual([true, false, false, true]);
    expect(condition('Unknowable')).toEqual(new Unknown('Ref to parameter Secret, which has no default'));
    expect(condition('Loop')).toBeInstanceOf(Unknown);
    expect(condition('Missing')).toEqual(new Unknown('condition Missing is not declared'));
  });

  it.each<[string, unknown, RegExp]>([
    ['a parameter without a default', { Ref: 'Secret' }, /parameter Secret, which has no default/],
    ['a pseudo parameter', { Ref: 'AWS::AccountId' }, /AWS::AccountId is known only at deployment/],
    ['an import', { 'Fn::ImportValue': 'shared-key' }, /Fn::ImportValue of shared-key/],
    ['Fn::GetAZs', { 'Fn::GetAZs': '' }, /Fn::GetAZs is evaluated only at deployment/],
    ['a Ref to nothing', { Ref: 'Nothing' }, /does not declare/],
    ['a GetAtt of nothing', { 'Fn::GetAtt': ['Nothing', 'Arn'] }, /does not declare/],
    ['Fn::Sub of a pseudo parameter', { 'Fn::Sub': 'arn:${AWS::Region}' }, /AWS::Region/],
    ['Fn::Join of an unknown', { 'Fn::Join': ['', [{ Ref: 'Secret' }]] }, /Secret/],
    ['Fn::Select from an unknown list', { 'Fn::Select': [0, { Ref: 'Secret' }] }, /Secret/],
    ['Fn::If on an undecidable condition', { 'Fn::If': ['Unknowable', 1, 2] }, /Secret/],
    ['Fn::FindInMap of a missing key', { 'Fn::FindInMap': ['Size', 'dev', 'Nodes'] }, /not in the template/],
    ['Fn::Equals on an unknown', { 'Fn::Equals': [{ Ref: 'Secret' }, 'x'] }, /Secret/],
  ])('gives Unknown for %s', (_what, value, reason) => {
    const resolved = resolve(value);
    expect(resolved).toBeInstanceOf(Unknown);
    expect((resolved as Unknown).reason).toMatch(reason);
  });

  it('turns Ref and Fn::GetAtt to a resource of the template into references', () => {
    expect(resolve({ Ref: 'Key' })).toEqual(new ResourceReference('Key', undefined));
    expect(resolve({ 'Fn::GetAtt': ['Key', 'Arn'] })).toEqual(new ResourceReference('Key', 'Arn'));
    expect(resolve({ 'Fn::GetAtt': 'Key.Arn' })).toEqual(new ResourceReference('Key', 'Arn'));
  });
});

describe('the intrinsic resolver at its edges', () => {
  const { resolve, condition } = createResolver({
    ...template,
    Parameters: { ...template.Parameters, Untyped: { Default: 'a,b' } },
    Conditions: { ...template.Conditions, Literal: 'true', NotACondition: 5 },
  });
  const reasonOf = (value: unknown): string => {
    const resolved = resolve(value);
    if (!(resolved instanceof Unknown)) throw new Error(`expected Unknown, got ${JSON.stringify(resolved)}`);
    return resolved.reason;
  };

  it.each<[string, unknown, unknown]>([
    ['an untyped parameter as a String, unsplit', { Ref: 'Untyped' }, 'a,b'],
    ['Fn::And of true conditions', { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'Literal' }] }, true],
    ['Fn::Or of false conditions', { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['a', 'b'] }] }, false],
    ['Fn::And with one false and one undecidable condition', { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'Unknowable' }] }, false],
    ['Fn::Not of a decided condition', { 'Fn::Not': [{ Condition: 'IsDev' }] }, true],
    ['Fn::If on an unknown condition whose branches refer to the same resource', { 'Fn::If': ['Unknowable', { Ref: 'Key' }, { Ref: 'Key' }] }, new ResourceReference('Key', undefined)],
    ['Fn::GetAtt without an attribute', { 'Fn::GetAtt': ['Key'] }, new ResourceReference('Key', undefined)],
  ])('resolves %s', (_what, value, expected) => {
    expect(resolve(value)).toEqual(expected);
  });

  it('reads the strings true and false as conditions, and nothing else', () => {
    expect(condition('Literal')).toBe(true);
    expect(condition('NotACondition')).toEqual(new Unknown('condition NotACondition is not a condition known before deployment'));
  });

  it.each<[string, unknown, RegExp]>([
    ['Fn::Equals with an unknown second value', { 'Fn::Equals': ['x', { Ref: 'Secret' }] }, /Secret/],
    ['Fn::Equals of a list', { 'Fn::Equals': [{ Ref: 'Zones' }, 'eu-west-1a'] }, /Fn::Equals compares values known only at deployment/],
    ['Fn::Not of an undecidable condition', { 'Fn::Not': [{ Condition: 'Unknowable' }] }, /Secret/],
    ['Fn::Or with an undecidable condition and no true one', { 'Fn::Or': [{ Condition: 'IsDev' }, { Condition: 'Unknowable' }] }, /Secret/],
    ['Fn::Join of a text instead of a list', { 'Fn::Join': ['-', 'abc'] }, /Fn::Join of values known only at deployment/],
    ['Fn::Join of a resource id', { 'Fn::Join': ['', ['arn:', { Ref: 'Key' }]] }, /Fn::Join of values known only at deployment/],
    ['Fn::Select with an unknown index', { 'Fn::Select': [{ Ref: 'Secret' }, ['a']] }, /Secret/],
    ['Fn::Select from a text', { 'Fn::Select': [0, 'abc'] }, /Fn::Select from a list known only at deployment/],
    ['Fn::Select outside the list', { 'Fn::Select': [2, { Ref: 'Zones' }] }, /Fn::Select index 2 is outside the list/],
    ['Fn::FindInMap with an unknown key', { 'Fn::FindInMap': ['Size', { Ref: 'Secret' }, 'Nodes'] }, /Secret/],
    ['Fn::FindInMap of a missing map', { 'Fn::FindInMap': ['Missing', 'prod', 'Nodes'] }, /Fn::FindInMap Missing\.prod\.Nodes is not in the template/],
    ['Fn::Sub of a non-text template', { 'Fn::Sub': [{ Ref: 'Env' }] }, /Fn::Sub of a value known only at deployment/],
    ['Fn::Sub of a resource attribute', { 'Fn::Sub': 'arn:${Key.Arn}' }, /Fn::Sub uses \$\{Key\.Arn\}, known only at deployment/],
    ['Fn::Sub of a parameter without a default', { 'Fn::Sub': ['${S}', { S: { Ref: 'Secret' } }] }, /Secret/],
    ['Fn::Split of an unknown', { 'Fn::Split': [',', { Ref: 'Secret' }] }, /Fn::Split of a value known only at deployment/],
    ['an import of a computed name', { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-key' } }, /Fn::ImportValue of a value is read from another stack/],
    ['Fn::If on an undecidable condition between two resources', { 'Fn::If': ['Unknowable', { Ref: 'Key' }, { 'Fn::GetAtt': ['Key', 'Arn'] }] }, /Secret/],
    ['Fn::If on an undecidable condition between a resource and an unknown', { 'Fn::If': ['Unknowable', { Ref: 'Key' }, { Ref: 'Secret' }] }, /Secret/],
  ])('gives Unknown for %s', (_what, value, reason) => {
    expect(reasonOf(value)).toMatch(reason);
  });

  it('resolves a template without Parameters, Resources, Mappings or Conditions', () => {
    const bare = createResolver({});
    expect((bare.resolve({ Ref: 'Key' }) as Unknown).reason).toBe('Ref to Key, which the template does not declare');
    expect(bare.condition('IsProd')).toEqual(new Unknown('condition IsProd is not declared'));
  });
});
