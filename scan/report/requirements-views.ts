/**
 * The by-requirement views of `scan --framework ID`: a section of the terminal table and of the
 * HTML report, one entry per requirement (see requirements.ts for what each carries).
 */
import { basisText } from '#shared/frameworks/mapping.ts';
import type { ScanResult } from '../findings.ts';
import { frameworkTitle, parametersText, requirementEvidence } from './requirements.ts';

export function requirementsTableSection(result: ScanResult): string[] {
  if (!result.framework) return [];
  const evidence = requirementEvidence(result, result.framework);
  const width = Math.max(11, ...evidence.map((e) => e.requirement.length));
  const lines = [
    `Evidence by requirement: ${frameworkTitle(result.framework)} (scanned ${result.startedAt.toISOString()} to ${result.finishedAt.toISOString()})`,
    `${'Requirement'.padEnd(width)}  Fail  Pass  N/A  Resources  Controls (parameters) · accounts · Regions`,
  ];
  for (const e of evidence) {
    lines.push(
      `${e.requirement.padEnd(width)}  ${String(e.counts.NON_COMPLIANT).padStart(4)}  ${String(e.counts.COMPLIANT).padStart(4)}  ${String(e.counts.NOT_APPLICABLE).padStart(3)}  ${String(e.resources).padStart(9)}  ` +
        `${e.controls.map((c) => `${c.id} (${parametersText(c.parameters)})`).join('; ')} · ${e.accounts.join(', ') || '—'} · ${e.regions.join(', ') || '—'}`,
    );
  }
  return [...lines, ''];
}

export function requirementsHtmlSection(result: ScanResult, e: (text: string) => string): string {
  if (!result.framework) return '';
  const evidence = requirementEvidence(result, result.framework);
  const rows = evidence
    .map(
      (r) =>
        `<tr class="requirement" data-requirement="${e(r.requirement)}" data-non-compliant="${r.counts.NON_COMPLIANT}" data-compliant="${r.counts.COMPLIANT}" data-not-applicable="${r.counts.NOT_APPLICABLE}" data-resources="${r.resources}">` +
        `<th scope="row">${e(r.requirement)}</th>` +
        `<td>${r.controls
          .map((c) => `${e(c.id)} <small>${e(c.title)}</small><br><small>${e(parametersText(c.parameters))} · ${c.basis.map((b) => e(basisText(b))).join('; ')}</small>`)
          .join('<br>')}</td>` +
        `<td class="counts">${r.resources}</td><td class="counts">✘ ${r.counts.NON_COMPLIANT} · ✔ ${r.counts.COMPLIANT} · – ${r.counts.NOT_APPLICABLE}</td>` +
        `<td>${e(r.accounts.join(', ') || '—')}</td><td>${e(r.regions.join(', ') || '—')}</td><td><small>${e(r.startedAt)} to ${e(r.finishedAt)}</small></td></tr>`,
    )
    .join('\n');
  return `<h2>Evidence by requirement: ${e(frameworkTitle(result.framework))}</h2>
<table id="requirements">
<thead><tr><th scope="col">Requirement</th><th scope="col">Controls, parameters and basis</th><th scope="col">Resources checked</th><th scope="col">Fail · pass · n/a</th><th scope="col">Accounts</th><th scope="col">Regions</th><th scope="col">Scanned</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** Each framework's requirement ids for a control, one line per framework (the HTML findings table). */
export function frameworkLinesOf(frameworks: Record<string, string[]>): string[] {
  return Object.entries(frameworks).map(([framework, ids]) => `${framework}: ${ids.join(', ')}`);
}
