import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_NAME_PREFIX, controls, iamActionsOf, ruleNameOf } from '#shared/controls/catalog.ts';
import { controls as runnable } from '#shared/controls/context/catalog.ts';
import type { ParameterSpecs } from '#shared/engine/parameters.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** What the engine calls for every control (listing, reporting, stale-result clean-up). */
const ENGINE_ACTIONS = [
  'elasticache:DescribeReplicationGroups',
  'elasticache:DescribeCacheClusters',
  'elasticache:DescribeServerlessCaches',
  'config:PutEvaluations',
  'config:GetComplianceDetailsByConfigRule',
];

describe('control catalog', () => {
  it('lists the four headline controls', () => {
    // Assess
    expect(controls.map((c) => c.id)).toEqual(expect.arrayContaining(['encryption-in-transit', 'encryption-at-rest', 'automatic-backup', 'subnet-privacy']));
  });

  it('gives every control a kebab-case id', () => {
    // Assess
    for (const { id } of controls) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('gives every control a unique id', () => {
    // Act
    const ids = controls.map((c) => c.id);
    // Assess
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names each Config rule after its control, with the package prefix', () => {
    // Assess
    for (const control of controls) expect(ruleNameOf(control)).toBe(`${RULE_NAME_PREFIX}${control.id}`);
    expect(RULE_NAME_PREFIX).toBe('elasticache-');
  });

  describe.each(controls.map((control) => [control.id, control] as const))('%s', (id, control) => {
    it(`has functions/${id}/index.ts exporting its handler through createRuleHandler`, () => {
      // Prepare
      const path = `${root}functions/${id}/index.ts`;
      // Act
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      // Assess
      expect(text).toMatch(/^import \{ createRuleHandler \} from '#shared\/engine\/run-rule\.ts';$/m);
      // The control itself, or, for one that reads the account, the control bound to its reader.
      const controlImport = new RegExp(`^import \\{ (\\w+) \\} from '#shared/controls/(context/)?${id}\\.ts';$`, 'm').exec(text);
      expect(controlImport).not.toBeNull();
      expect(text).toMatch(new RegExp(`^export const handler = createRuleHandler\\(${controlImport?.[1]}\\);$`, 'm'));
    });

    it('exports from its handler module the very control the catalog lists', async () => {
      // Act
      const handlerModule = (await import(`#functions/${id}/index.ts`)) as { handler?: unknown };
      const controlModule = (await import(`#shared/controls/${id}.ts`)) as Record<string, unknown>;
      const bound = runnable.find((c) => c.id === id)!;
      // Assess
      expect(typeof handlerModule.handler).toBe('function');
      expect(Object.values(controlModule)).toContain(control);
      // The runnable control is the definition itself, or the definition bound to its reader and nothing else.
      if (bound !== control) {
        const contextModule = (await import(`#shared/controls/context/${id}.ts`)) as Record<string, unknown>;
        expect(Object.values(contextModule)).toContain(bound);
        expect(control.loadContext).toBeUndefined();
        const withoutReader = (c: object) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== 'loadContext' && key !== 'inventory'));
        expect(withoutReader(bound)).toEqual(withoutReader(control));
        expect(bound.inventory?.resourceTypes ?? control.resourceTypes).toEqual(expect.arrayContaining([...control.resourceTypes]));
      }
    });

    it('has parameter defaults that parse back to themselves', () => {
      // Act
      const withText = Object.entries(control.parameters as ParameterSpecs).filter(([, spec]) => spec.defaultText !== '');
      // Assess
      for (const [, spec] of withText) expect(spec.parse(spec.defaultText)).toEqual(spec.default);
    });

    it('declares an empty default only for a list whose default is empty', () => {
      // Act
      const blank = Object.values(control.parameters as ParameterSpecs).filter((spec) => spec.defaultText === '');
      // Assess
      for (const spec of blank) {
        expect(spec.kind).toBe('list');
        expect(spec.default).toEqual([]);
      }
    });

    it('needs the engine\'s IAM actions, its own, and config history only when change-triggered', () => {
      // Act
      const actions = iamActionsOf(control);
      // Assess
      expect(actions).toEqual(expect.arrayContaining([...ENGINE_ACTIONS, ...control.iamActions]));
      expect(actions.includes('config:GetResourceConfigHistory')).toBe(control.changeTriggers.length > 0);
      expect(new Set(actions).size).toBe(actions.length);
      for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    });
  });

  it('grants the KMS and network reads only to the controls that make them', () => {
    // Act
    const byId = Object.fromEntries(controls.map((c) => [c.id, iamActionsOf(c)]));
    // Assess
    expect(byId['encryption-at-rest']).toContain('kms:DescribeKey');
    expect(byId['subnet-privacy']).toEqual(expect.arrayContaining(['elasticache:DescribeCacheSubnetGroups', 'ec2:DescribeRouteTables', 'config:GetResourceConfigHistory']));
    expect(byId['encryption-in-transit']).toEqual(ENGINE_ACTIONS);
    expect(byId['automatic-backup']).toEqual(ENGINE_ACTIONS);
  });
});
