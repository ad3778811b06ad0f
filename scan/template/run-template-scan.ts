/**
 * `scan --template`: reads every file named (or found in a directory named), translates it and
 * judges its caches with the selected controls. No AWS call is made.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Control, Severity } from '#shared/engine/control.ts';
import { evaluateDeclared, type TemplateFinding } from '#shared/template/evaluate-declared.ts';
import { loadTemplate } from '#shared/template/load-template.ts';
import { TemplateFileError } from '#shared/template/template-errors.ts';
import { UsageError } from '../options.ts';
import type { TemplateScanOptions } from './template-options.ts';

export interface TemplateScanFinding extends TemplateFinding {
  severity: Severity;
}

export interface TemplateScanResult {
  startedAt: Date;
  files: { file: string; kind: string; caches: number; skipped: { address: string; reason: string }[] }[];
  controls: { id: string; title: string; description: string; severity: Severity; remediation: readonly string[]; parameters: Record<string, string> }[];
  findings: TemplateScanFinding[];
}

const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];

/** The files a --template names: a file as given, a directory's template files in name order. */
export async function templateFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UsageError(`--template ${path}: no such file or directory.`);
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => TEMPLATE_EXTENSIONS.includes(extname(name).toLowerCase())).sort();
      if (entries.length === 0) throw new UsageError(`--template ${path}: the directory holds no ${TEMPLATE_EXTENSIONS.join(', ')} file.`);
      files.push(...entries.map((name) => join(path, name)));
    } else files.push(path);
  }
  return files;
}

export async function runTemplateScan(options: TemplateScanOptions, now: Date = new Date()): Promise<TemplateScanResult> {
  const result: TemplateScanResult = {
    startedAt: now,
    files: [],
    controls: options.controls.map((c: Control<any, any>) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      severity: c.severity,
      remediation: c.remediation,
      parameters: options.parameterText[c.id] ?? {},
    })),
    findings: [],
  };
  const severity = new Map(options.controls.map((c) => [c.id, c.severity as Severity]));
  for (const file of await templateFiles(options.templates)) {
    const text = await readFile(file, 'utf8');
    let stack;
    try {
      stack = loadTemplate(file, text);
    } catch (error) {
      if (error instanceof TemplateFileError) throw new UsageError(error.message);
      throw error;
    }
    result.files.push({ file, kind: stack.kind, caches: stack.caches.length, skipped: stack.skipped });
    const findings = await evaluateDeclared(stack, { controls: options.controls, parameters: options.parameters, evaluationTime: now });
    result.findings.push(...findings.map((f) => ({ ...f, severity: severity.get(f.control)! })));
  }
  return result;
}
