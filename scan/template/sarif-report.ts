/**
 * SARIF 2.1.0 (OASIS) for `scan --template --format sarif`, the format GitHub code scanning uploads:
 * one reporting rule per control, one result per NON_COMPLIANT or UNDETERMINED finding, located at
 * the template file and the line of the resource. COMPLIANT and NOT_APPLICABLE findings are left out:
 * code scanning lists problems, and a passing result would only add noise.
 *
 * An UNDETERMINED finding is a result of kind "review" (a person must look), which SARIF requires to
 * carry level "none"; NON_COMPLIANT is kind "fail" with a level from the control's severity.
 */
import { relative, sep } from 'node:path';
import type { Severity } from '#shared/engine/control.ts';
import type { TemplateScanResult } from './run-template-scan.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'note' };
/** GitHub code scanning ranks security results by this property (0.1–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '3.0' };

/** A path relative to the working directory with forward slashes, as SARIF URIs are. */
function uriOf(file: string, root: string): string {
  const path = relative(root, file) || file;
  return (path.startsWith('..') ? file : path).split(sep).map(encodeURIComponent).join('/');
}

export function renderSarif(result: TemplateScanResult, toolVersion: string, root: string = process.cwd()): string {
  const ruleIndex = new Map(result.controls.map((c, index) => [c.id, index]));
  const rules = result.controls.map((c) => ({
    id: c.id,
    name: c.id.replace(/(^|-)([a-z])/g, (_m, _d, letter: string) => letter.toUpperCase()),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: { text: c.remediation.join('\n'), markdown: c.remediation.map((step) => `- ${step}`).join('\n') },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[c.severity], tags: ['security', 'elasticache'], parameters: c.parameters },
  }));
  const results = result.findings
    .filter((f) => f.compliance === 'NON_COMPLIANT' || f.compliance === 'UNDETERMINED')
    .map((f) => ({
      ruleId: f.control,
      ruleIndex: ruleIndex.get(f.control) ?? 0,
      kind: f.compliance === 'NON_COMPLIANT' ? 'fail' : 'review',
      level: f.compliance === 'NON_COMPLIANT' ? LEVEL[f.severity] : 'none',
      message: { text: `${f.resourceId} (${f.resourceType}): ${f.annotation}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file, root), uriBaseId: '%SRCROOT%' },
            ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
          },
          logicalLocations: [{ name: f.resourceId, kind: 'resource' }],
        },
      ],
      // Stable across runs and line moves: the same control on the same resource is the same alert.
      partialFingerprints: { 'elasticacheControlResource/v1': `${f.control}:${uriOf(f.file, root)}:${f.resourceId}` },
      properties: { compliance: f.compliance },
    }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'elasticache-config-rules', version: toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${root.split(sep).map(encodeURIComponent).join('/')}/` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
