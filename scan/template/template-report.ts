/**
 * The reports of `scan --template`: a table for the terminal and a JSON document. SARIF is in
 * sarif-report.ts. Every finding carries the control, the logical id or Terraform address, the
 * template's resource type, the compliance (UNDETERMINED included), the annotation, and file + line.
 */
import type { TemplateCompliance } from '#shared/template/evaluate-declared.ts';
import type { TemplateScanResult } from './run-template-scan.ts';

export const TEMPLATE_SCHEMA_ID = 'elasticache-config-rules/template-scan-report';
export const TEMPLATE_SCHEMA_VERSION = '1.0.0';
/** The JSON report's schema, relative to the repository root. */
export const TEMPLATE_SCHEMA_FILE = 'scan/template/template-scan-report.v1.schema.json';

const ORDER: TemplateCompliance[] = ['NON_COMPLIANT', 'UNDETERMINED', 'COMPLIANT', 'NOT_APPLICABLE'];

export function countTemplateCompliance(result: TemplateScanResult): Record<TemplateCompliance, number> {
  const counts: Record<TemplateCompliance, number> = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, UNDETERMINED: 0 };
  for (const finding of result.findings) counts[finding.compliance]++;
  return counts;
}

export function templateSummaryLine(result: TemplateScanResult): string {
  const counts = countTemplateCompliance(result);
  const caches = result.files.reduce((sum, f) => sum + f.caches, 0);
  return (
    `${caches} caches in ${result.files.length} file${result.files.length === 1 ? '' : 's'} × ${result.controls.length} controls: ` +
    `${counts.NON_COMPLIANT} non-compliant, ${counts.UNDETERMINED} undetermined, ${counts.COMPLIANT} compliant, ${counts.NOT_APPLICABLE} not applicable.`
  );
}

export function renderTemplateJson(result: TemplateScanResult, toolVersion: string): string {
  const document = {
    schema: TEMPLATE_SCHEMA_ID,
    schemaVersion: TEMPLATE_SCHEMA_VERSION,
    tool: { name: 'elasticache-config-rules', version: toolVersion },
    startedAt: result.startedAt.toISOString(),
    files: result.files,
    controls: result.controls.map(({ id, title, severity, parameters }) => ({ id, title, severity, parameters })),
    summary: countTemplateCompliance(result),
    findings: result.findings.map((f) => ({
      control: f.control,
      resourceId: f.resourceId,
      resourceType: f.resourceType,
      severity: f.severity,
      compliance: f.compliance,
      annotation: f.annotation,
      file: f.file,
      line: f.line ?? null,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function renderTemplateTable(result: TemplateScanResult): string {
  const rows = [...result.findings]
    .filter((f) => f.compliance !== 'NOT_APPLICABLE')
    .sort((a, b) => ORDER.indexOf(a.compliance) - ORDER.indexOf(b.compliance) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.control.localeCompare(b.control))
    .map((f) => [f.compliance, f.control, `${f.file}${f.line ? `:${f.line}` : ''}`, f.resourceId, f.annotation]);
  const header = ['COMPLIANCE', 'CONTROL', 'WHERE', 'RESOURCE', 'ANNOTATION'];
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  const skipped = result.files.flatMap((f) => f.skipped.map((s) => `Not judged: ${f.file} ${s.address}: ${s.reason}.`));
  return [line(header), ...rows.map(line), '', ...skipped, templateSummaryLine(result), ''].join('\n');
}
