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
