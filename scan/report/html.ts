/**
 * The HTML report: one self-contained file (styles and script inline, no fetch of any kind, which its
 * Content-Security-Policy enforces) that an auditor can open offline, file and print.
 *
 * Rows are rendered in the HTML itself, so the report reads (and prints) without JavaScript; the
 * inline script only adds filtering, sorting and a filter state kept in the URL fragment
 * (#control=…&compliance=…&severity=…&region=…&q=…), which is also how a link can point at a view.
 */
import type { ComplianceType } from '#shared/engine/control.ts';
import { frameworkRequirementsOf } from '#shared/frameworks/mapping.ts';
import { severityRank, summaryLine, totalsOf, type ControlSummary, type Finding, type ScanResult } from '../findings.ts';
import { frameworkLinesOf, requirementsHtmlSection } from './requirements-views.ts';

const LABEL: Record<ComplianceType, string> = { COMPLIANT: '✔ Compliant', NON_COMPLIANT: '✘ Non-compliant', NOT_APPLICABLE: '– Not applicable' };
const COMPLIANCE_ORDER: Record<ComplianceType, number> = { NON_COMPLIANT: 0, COMPLIANT: 1, NOT_APPLICABLE: 2 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root{--ok:#1a7f37;--bad:#cf222e;--na:#8c959f;--line:#d0d7de;--muted:#57606a;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
body{margin:1.5rem auto;max-width:1400px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta{color:var(--muted);margin:.1rem 0}.summary{font-weight:600;margin:.75rem 0}
.incomplete{border:2px solid var(--bad);padding:.5rem 1rem;border-radius:6px;background:#ffebe9}
.chart{display:grid;grid-template-columns:max-content 1fr max-content;gap:.35rem .75rem;align-items:center}
.chart button{all:unset;cursor:pointer;font-family:ui-monospace,monospace;text-decoration:underline dotted}
.bar{display:flex;height:1.1rem;border:1px solid var(--line);border-radius:3px;overflow:hidden;background:#f6f8fa}
.seg{display:block;height:100%}.seg.COMPLIANT{background:var(--ok)}.seg.NON_COMPLIANT{background:var(--bad)}.seg.NOT_APPLICABLE{background:var(--na)}
.counts{font-variant-numeric:tabular-nums;white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.compliance{white-space:nowrap;font-weight:600}
tr[data-compliance=NON_COMPLIANT] td.compliance{color:var(--bad)}tr[data-compliance=COMPLIANT] td.compliance{color:var(--ok)}
tr[data-compliance=NOT_APPLICABLE] td.compliance{color:var(--na)}
.resource small,.refs{color:var(--muted)}ol{margin:.25rem 0;padding-left:1.2rem}
@media print{
  body{margin:0;max-width:none;font-size:9pt}.filters{display:none}
  th{position:static}tr{break-inside:avoid}details{display:block}details>summary{display:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

const SCRIPT = `
(function(){
  var body=document.querySelector('#findings tbody'),rows=[].slice.call(body.rows);
  var fields=['control','compliance','severity','region','q'],inputs={};
  fields.forEach(function(f){inputs[f]=document.getElementById('filter-'+f);});
  function state(){var s={};fields.forEach(function(f){if(inputs[f].value)s[f]=inputs[f].value;});return s;}
  function apply(){
    var s=state(),q=(s.q||'').toLowerCase(),shown=0;
    rows.forEach(function(r){
      var ok=(!s.control||r.dataset.control===s.control)&&(!s.compliance||r.dataset.compliance===s.compliance)&&
        (!s.severity||r.dataset.severity===s.severity)&&(!s.region||r.dataset.region===s.region)&&
        (!q||r.textContent.toLowerCase().indexOf(q)>=0);
      r.hidden=!ok;if(ok)shown++;
    });
    document.getElementById('shown-count').textContent=shown;
    var h=fields.filter(function(f){return s[f];}).map(function(f){return f+'='+encodeURIComponent(s[f]);}).join('&');
    if(('#'+h)!==location.hash&&!(h===''&&location.hash===''))history.replaceState(null,'',h?'#'+h:location.pathname+location.search);
  }
  // A fragment typed or pasted by hand may hold a bare "%" (a resource id, a search): decoding it
  // must not throw, or no filter would work at all.
  function decode(v){try{return decodeURIComponent(v);}catch(e){return v;}}
  function fromHash(){
    var p={};location.hash.replace(/^#/,'').split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0)p[kv.slice(0,i)]=decode(kv.slice(i+1));});
    fields.forEach(function(f){inputs[f].value=p[f]||'';});apply();
  }
  fields.forEach(function(f){inputs[f].addEventListener('input',apply);});
  window.addEventListener('hashchange',fromHash);
  [].forEach.call(document.querySelectorAll('.chart button'),function(b){
    b.addEventListener('click',function(){inputs.control.value=b.dataset.control;inputs.compliance.value='';apply();});
  });
  [].forEach.call(document.querySelectorAll('#findings th[data-key]'),function(th){
    th.querySelector('button').addEventListener('click',function(){
      var key=th.dataset.key,dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      [].forEach.call(document.querySelectorAll('#findings th'),function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir>0?'ascending':'descending');
      rows.sort(function(a,b){var x=a.dataset['sort'+key],y=b.dataset['sort'+key];
        return (isNaN(x)||isNaN(y)?x.localeCompare(y):x-y)*dir;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  // Printing shows every remediation, not only the ones opened on screen.
  window.addEventListener('beforeprint',function(){[].forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
  fromHash();
})();`;

const options = (values: string[], labels: (v: string) => string = (v) => v) =>
  ['<option value="">all</option>', ...values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(labels(v))}</option>`)].join('');

export function renderHtml(result: ScanResult, toolVersion: string): string {
  return [...htmlChunks(result, toolVersion)].join('');
}

/** The report as text, a finding's row at a time. */
export function* htmlChunks(result: ScanResult, toolVersion: string): Generator<string> {
  const e = escapeHtml;
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const totals = totalsOf(result);
  const byControl = totals.byControl;
  const total = totals.counts;

  const chart = result.controls
    .map((c) => {
      const counts = byControl.get(c.id)!;
      const sum = counts.COMPLIANT + counts.NON_COMPLIANT + counts.NOT_APPLICABLE;
      const segments = (['NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'] as const)
        .filter((k) => counts[k] > 0)
        .map((k) => `<span class="seg ${k}" style="width:${((100 * counts[k]) / sum).toFixed(2)}%" title="${counts[k]} ${LABEL[k]}"></span>`)
        .join('');
      return (
        `<div class="chart-label"><button type="button" data-control="${e(c.id)}" title="${e(c.title)}">${e(c.id)}</button> <small>${e(c.severity)}</small></div>` +
        `<div class="bar" role="img" aria-label="${e(`${c.id}: ${counts.NON_COMPLIANT} non-compliant, ${counts.COMPLIANT} compliant, ${counts.NOT_APPLICABLE} not applicable`)}">${segments}</div>` +
        `<div class="counts chart-row" data-control="${e(c.id)}" data-compliant="${counts.COMPLIANT}" data-non-compliant="${counts.NON_COMPLIANT}" data-not-applicable="${counts.NOT_APPLICABLE}" data-total="${sum}">` +
        `✘ ${counts.NON_COMPLIANT} · ✔ ${counts.COMPLIANT} · – ${counts.NOT_APPLICABLE}</div>`
      );
    })
    .join('\n');

  const failures =
    result.failures.length > 0
      ? `<div class="incomplete" id="failures"><strong>Incomplete scan:</strong> these parts could not be read, so their caches are missing below.<ul>${result.failures
          .map((f) => `<li>${e(f.message)}</li>`)
          .join('')}</ul></div>`
      : '';

  const regions = totals.regions;
  const header = (key: string, label: string) => `<th data-key="${key}" scope="col"><button type="button">${label}</button></th>`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="elasticache-config-rules ${e(toolVersion)}">
<title>ElastiCache compliance scan — ${e(result.accounts.join(', '))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>ElastiCache compliance scan</h1>
<p class="meta">Account${result.accounts.length === 1 ? '' : 's'} ${e(result.accounts.join(', ') || '—')} · region${result.regions.length === 1 ? '' : 's'} ${e(result.regions.join(', ') || '—')}</p>
<p class="meta">Scanned ${e(result.startedAt.toISOString())} to ${e(result.finishedAt.toISOString())} by elasticache-config-rules ${e(toolVersion)}</p>
<p class="summary" id="summary" data-findings="${totals.findings}" data-non-compliant="${total.NON_COMPLIANT}">${e(summaryLine(result))}</p>
${failures}
</header>
<main>
${requirementsHtmlSection(result, e)}
<h2>Compliance per control</h2>
<div class="chart" id="chart">
${chart}
</div>
<h2>Findings</h2>
<div class="filters" role="search">
<label>Control<select id="filter-control">${options(result.controls.map((c) => c.id))}</select></label>
<label>Result<select id="filter-compliance">${options(['NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'], (v) => LABEL[v as ComplianceType])}</select></label>
<label>Severity<select id="filter-severity">${options(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'])}</select></label>
<label>Region<select id="filter-region">${options(regions)}</select></label>
<label>Search<input id="filter-q" type="search" placeholder="resource, annotation…"></label>
<p>Showing <span id="shown-count">${totals.findings}</span> of ${totals.findings}</p>
</div>
<table id="findings">
<thead><tr>${header('severity', 'Severity')}${header('compliance', 'Result')}${header('region', 'Region')}${header('resource', 'Resource')}${header('control', 'Control')}<th scope="col">Annotation and remediation</th><th scope="col">References and framework requirements</th></tr></thead>
<tbody>
`;
  let first = true;
  for (const f of result.findings) {
    yield `${first ? '' : '\n'}${findingRow(f, controls.get(f.control), result.accounts.length > 1)}`;
    first = false;
  }
  yield `
</tbody>
</table>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function findingRow(f: Finding, control: ControlSummary | undefined, multiAccount: boolean): string {
  const e = escapeHtml;
  const remediation =
    f.compliance === 'NON_COMPLIANT' && control && control.remediation.length > 0
      ? `<details><summary>How to fix</summary><ol>${control.remediation.map((step) => `<li>${e(step)}</li>`).join('')}</ol></details>`
      : '';
  return (
    `<tr data-control="${e(f.control)}" data-compliance="${f.compliance}" data-severity="${f.severity}" data-region="${e(f.region)}" data-account="${e(f.account)}" ` +
    `data-sortseverity="${5 - severityRank(f.severity)}" data-sortcompliance="${COMPLIANCE_ORDER[f.compliance]}" data-sortregion="${e(f.region)}" ` +
    `data-sortresource="${e(f.resourceId)}" data-sortcontrol="${e(f.control)}">` +
    `<td>${e(f.severity)}</td><td class="compliance">${LABEL[f.compliance]}</td><td>${e(f.region)}</td>` +
    `<td class="resource">${e(f.resourceId)}<br><small>${e(f.resourceType.replace('AWS::ElastiCache::', ''))}${multiAccount ? ` · ${e(f.account)}` : ''}</small></td>` +
    `<td>${e(f.control)}</td><td>${e(f.annotation)}${remediation}</td>` +
    `<td class="refs">${[...(control?.references ?? []), ...frameworkLinesOf(frameworkRequirementsOf({ frameworks: control?.frameworks ?? {} }))].map(e).join('<br>')}</td></tr>`
  );
}
