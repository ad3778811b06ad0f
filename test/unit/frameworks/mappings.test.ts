/**
 * Scenarios
 * - Given the catalog, then every control has a decision (requirements or a stated "none") for every framework.
 * - Given a control without an entry in shared/frameworks/mappings.ts, then the check names it and each undecided framework.
 * - Given a Security Hub-sourced group, then its ids equal the Security Hub page's related requirements exactly.
 * - Given any group, then its ids have the framework's id form and its basis names a source or gives one line of rationale.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { controls } from '#shared/controls/catalog.ts';
import type { ControlDefinition } from '#shared/engine/control.ts';
import { FRAMEWORK_IDS, type FrameworkId } from '#shared/frameworks/frameworks.ts';
import { groupsOf, requirementsOf } from '#shared/frameworks/mapping.ts';
import { FRAMEWORK_MAPPINGS, frameworkMappingOf } from '#shared/frameworks/mappings.ts';

/** "control: framework" for every framework a control has no decision for. */
function undecided(catalog: readonly Pick<ControlDefinition, 'id' | 'frameworks'>[]): string[] {
  return catalog.flatMap((control) => FRAMEWORK_IDS.filter((framework) => control.frameworks[framework] === undefined).map((framework) => `${control.id}: ${framework}`));
}

/** The notes' table of Security Hub related requirements, by control (ElastiCache.N). */
function securityHubTable(): Map<string, { nist: string[]; pci: string[] }> {
  const text = readFileSync(fileURLToPath(new URL('./security-hub-related-requirements.md', import.meta.url)), 'utf8');
  const table = new Map<string, { nist: string[]; pci: string[] }>();
  for (const row of text.split('\n').filter((line) => line.startsWith('| ElastiCache.'))) {
    const cells = row.split('|').map((cell) => cell.trim());
    const [control, related] = [cells[1]!, cells[4]!];
    const [nistPart, pciPart] = related.split(';').map((part) => part.replace(/\*\*/g, '').trim());
    const nist = nistPart!.replace(/^NIST\.800-53\.r5 /, '').split(', ');
    const pci = pciPart ? [pciPart.replace(/^PCI DSS v4\.0\.1\//, '')] : [];
    table.set(control, { nist, pci });
  }
  return table;
}

const ID_FORMS: Record<FrameworkId, RegExp> = {
  fsbp: /^ElastiCache\.\d+$/,
  'pci-dss-4.0.1': /^\d{1,2}(\.\d+){1,3}$/,
  'nist-800-53-r5': /^[A-Z]{2}-\d+(\(\d+\))?$/,
  'iso-27001-2022': /^A\.[5-8]\.\d+$/,
  soc2: /^(CC\d\.\d|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)$/,
  'nist-csf-2.0': /^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/,
  dora: /^Article \d+\(\d+\)(\([a-z]\))?$/,
};

describe('framework mapping', () => {
  it('decides every framework for every control in the catalog', () => {
    // Assess
    expect(undecided(controls)).toEqual([]);
  });

  it('names the control and the frameworks when a control has no entry in shared/frameworks/mappings.ts', () => {
    // Prepare
    const added = { id: 'new-control', frameworks: frameworkMappingOf('new-control') };
    const partial = { id: 'half-done', frameworks: { fsbp: { none: 'No Security Hub control.' } } };
    // Act
    const missing = undecided([added, partial]);
    // Assess
    expect(missing).toContain('new-control: dora');
    expect(missing.filter((line) => line.startsWith('new-control:'))).toHaveLength(FRAMEWORK_IDS.length);
    expect(missing).toContain('half-done: pci-dss-4.0.1');
    expect(missing).not.toContain('half-done: fsbp');
  });

  it('takes every control\'s mapping from shared/frameworks/mappings.ts and holds no entry for a control that does not exist', () => {
    // Assess
    for (const control of controls) expect(control.frameworks).toBe(FRAMEWORK_MAPPINGS[control.id]);
    expect(Object.keys(FRAMEWORK_MAPPINGS).sort()).toEqual(controls.map((c) => c.id).sort());
  });

  it('copies Security Hub\'s related requirements exactly as the Security Hub page lists them', () => {
    // Prepare
    const table = securityHubTable();
    const seen = new Set<string>();
    // Act / Assess
    for (const control of controls) {
      for (const framework of ['fsbp', 'nist-800-53-r5', 'pci-dss-4.0.1'] as const) {
        for (const group of groupsOf(control.frameworks[framework])) {
          const source = 'published' in group.basis ? /Security Hub CSPM user guide, ElastiCache controls, (ElastiCache\.\d+)/.exec(group.basis.published)?.[1] : undefined;
          if (source === undefined) continue;
          const row = table.get(source);
          expect(row).toBeDefined();
          seen.add(source);
          if (framework === 'fsbp') expect({ control: control.id, ids: group.requirements }).toEqual({ control: control.id, ids: [source] });
          if (framework === 'nist-800-53-r5') expect({ control: control.id, ids: group.requirements }).toEqual({ control: control.id, ids: row!.nist });
          if (framework === 'pci-dss-4.0.1') expect({ control: control.id, ids: group.requirements }).toEqual({ control: control.id, ids: row!.pci });
        }
      }
    }
    expect([...seen].sort()).toEqual([...table.keys()].sort());
  });

  it('carries every Security Hub NIST and PCI id of a mapped control', () => {
    // Prepare
    const table = securityHubTable();
    // Act / Assess
    for (const control of controls) {
      const [fsbp] = requirementsOf(control.frameworks, 'fsbp');
      if (fsbp === undefined) continue;
      const row = table.get(fsbp)!;
      expect(requirementsOf(control.frameworks, 'nist-800-53-r5')).toEqual(expect.arrayContaining(row.nist));
      expect(requirementsOf(control.frameworks, 'pci-dss-4.0.1')).toEqual(expect.arrayContaining(row.pci));
    }
  });

  it('writes every id in its framework\'s form and gives every group a source or a one-line rationale', () => {
    // Act / Assess
    for (const control of controls) {
      for (const framework of FRAMEWORK_IDS) {
        const decision = control.frameworks[framework];
        if (decision !== undefined && !Array.isArray(decision)) expect((decision as { none: string }).none.length).toBeGreaterThan(10);
        for (const group of groupsOf(decision)) {
          expect(group.requirements.length).toBeGreaterThan(0);
          for (const id of group.requirements) expect({ control: control.id, framework, id }).toEqual({ control: control.id, framework, id: expect.stringMatching(ID_FORMS[framework]) });
          const text = 'published' in group.basis ? group.basis.published : group.basis.ours;
          expect(text).not.toMatch(/\n/);
          expect(text.length).toBeGreaterThan(10);
          expect(text.length).toBeLessThanOrEqual(200);
        }
      }
    }
  });
});
