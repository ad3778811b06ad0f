/**
 * Joins the catalog's remediation decisions (shared/controls/<id>.ts) with the runbook registry
 * (infra/remediation-documents.ts): which document Config runs for each rule, which runbooks only a
 * person starts, and what each runbook's role may do. The template, the conformance pack, the docs
 * and their tests all read it, so that they cannot disagree about a runbook.
 */
import { controls } from '#shared/controls/catalog.ts';
import type { ControlDefinition, RemediationDecision } from '#shared/engine/control.ts';
import { remediationDocuments, type ArnKind, type RemediableResourceType, type RemediationDocument, type RemediationMode } from './remediation-documents.ts';

export class RemediationPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemediationPlanError';
  }
}

export type { ArnKind } from './remediation-documents.ts';

/**
 * One statement of a runbook's role: actions on named ARN kinds, or on "*" for actions IAM
 * authorizes on no resource type (with the registry's reason, which the docs show).
 */
export type Grant =
  | { readonly actions: readonly string[]; readonly on: readonly ArnKind[] }
  | { readonly actions: readonly string[]; readonly anyResource: string };

export function documentNamed(file: string): RemediationDocument | undefined {
  return remediationDocuments.find((document) => document.file === file);
}

/** The resource types a registered document accepts (it refuses an id that names none of them). */
export const resourceTypesOf = (document: RemediationDocument): readonly RemediableResourceType[] => document.resourceTypes;

/** Whether Config may run the document for the rule (automated) or only a person starts it (manual). */
export const modeOf = (document: RemediationDocument): RemediationMode => document.mode;

/**
 * The statements of the document's role, from its registry grants: actions scoped to the same ARN
 * kinds share one statement, and so do actions on "*" for the same reason.
 */
export function grantsOf(document: RemediationDocument): Grant[] {
  const statements = new Map<string, Grant>();
  for (const grant of document.grants) {
    const key = grant.on === '*' ? `*|${grant.reason}` : [...grant.on].sort().join('|');
    const entry = statements.get(key);
    if (entry) (entry.actions as string[]).push(grant.action);
    else statements.set(key, grant.on === '*' ? { actions: [grant.action], anyResource: grant.reason } : { actions: [grant.action], on: [...grant.on].sort() });
  }
  return [...statements.values()];
}

const runbookDecisions = (control: ControlDefinition<any, any>): Extract<RemediationDecision, { document: string }>[] =>
  Object.values(control.remediationDecisions)
    .flat()
    .filter((decision): decision is Extract<RemediationDecision, { document: string }> => 'document' in decision);

/**
 * The document Config runs for the control's rule, or undefined when the control has no automated
 * decision. Config keeps one remediation configuration per rule, so every automated decision of a
 * control must name the same document, one that takes every type those decisions cover.
 */
export function wiredDocument(control: ControlDefinition<any, any>): RemediationDocument | undefined {
  const files = [...new Set(runbookDecisions(control).filter((d) => d.kind === 'automated').map((d) => d.document))];
  if (files.length > 1) {
    throw new RemediationPlanError(`${control.id}: automated decisions name ${files.join(' and ')}, but Config runs one document per rule`);
  }
  const [file] = files;
  if (!file) return undefined;
  const document = documentNamed(file);
  if (!document) throw new RemediationPlanError(`${control.id}: automated decision names ${file}, which infra/remediation-documents.ts does not register`);
  return document;
}

/** What the control's wired runbook changes, in the words of its automated decisions. */
export function automatedSummaryOf(control: ControlDefinition<any, any>): string {
  return [...new Set(runbookDecisions(control).filter((d) => d.kind === 'automated').map((d) => d.summary))].join(' ');
}

/** Runbooks a person starts for this control (deployed and output, never run by Config). */
export function manualDocumentsOf(control: ControlDefinition<any, any>): RemediationDocument[] {
  const files = [...new Set(runbookDecisions(control).filter((d) => d.kind === 'manual').map((d) => d.document))];
  return files.map((file) => {
    const document = documentNamed(file);
    if (!document) throw new RemediationPlanError(`${control.id}: manual decision names ${file}, which infra/remediation-documents.ts does not register`);
    return document;
  });
}

/** Controls whose rule has a document Config runs, each with its own automatic switch. */
export const remediableControls = (): ControlDefinition<any, any>[] => controls.filter((control) => wiredDocument(control));
