/**
 * Joins the catalog's remediation decisions (shared/controls/<id>.ts) with the runbook registry
 * (infra/remediation-documents.ts): which document Config runs for each rule, which runbooks only a
 * person starts, and what each runbook's role may do. The template, the conformance pack, the docs
 * and their tests all read it, so that they cannot disagree about a runbook.
 */
import { controls } from '#shared/controls/catalog.ts';
import type { Control, RemediationDecision } from '#shared/engine/control.ts';
import type { CacheResourceType } from '#shared/inventory/cache-resource.ts';
import { remediationDocuments, type RemediationDocument } from './remediation-documents.ts';

export class RemediationPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemediationPlanError';
  }
}

/** The ARNs a runbook's role may be scoped to, all of this account and region. */
export type ArnKind =
  | 'elasticache:replicationgroup'
  | 'elasticache:cluster'
  | 'elasticache:serverlesscache'
  | 'elasticache:usergroup'
  | 'elasticache:snapshot'
  | 'ec2:security-group'
  | 'kms:key'
  | 'logs:log-group'
  | 'sns:topic'
  | 'lambda:function';

/**
 * One statement of a runbook's role: actions on named ARN kinds, or on "*" for actions IAM
 * authorizes on no resource type (with the reason, which the template test and the docs show).
 */
export type Grant =
  | { readonly actions: readonly string[]; readonly on: readonly ArnKind[] }
  | { readonly actions: readonly string[]; readonly anyResource: string };

export type DocumentMode = 'automated' | 'manual';

export function documentNamed(file: string): RemediationDocument | undefined {
  return remediationDocuments.find((document) => document.file === file);
}

/** The resource types a registered document accepts (it refuses an id that names none of them). */
export function resourceTypesOf(document: RemediationDocument): readonly CacheResourceType[] {
  return [document.resourceType];
}

/** Whether Config may run the document for the rule (automated) or only a person starts it (manual). */
export function modeOf(_document: RemediationDocument): DocumentMode {
  return 'automated';
}

const MODIFY_ARN_KIND: Readonly<Record<string, ArnKind>> = {
  'elasticache:ModifyReplicationGroup': 'elasticache:replicationgroup',
  'elasticache:ModifyCacheCluster': 'elasticache:cluster',
  'elasticache:ModifyServerlessCache': 'elasticache:serverlesscache',
};

/** What the document's role needs, from its registry entry. */
export function grantsOf(document: RemediationDocument): Grant[] {
  return [
    { actions: document.describeActions, anyResource: 'Describe* and List* actions support no resource-level permissions' },
    ...document.modifyActions.map((action) => {
      const kind = MODIFY_ARN_KIND[action];
      if (!kind) throw new RemediationPlanError(`${document.file}: no ARN kind is known for ${action}`);
      return { actions: [action], on: [kind] };
    }),
    ...(document.logDeliveryActions?.length
      ? [
          {
            actions: document.logDeliveryActions,
            anyResource: 'the vended-log delivery actions define no resource types; ElastiCache checks them on the caller',
          },
        ]
      : []),
  ];
}

const runbookDecisions = (control: Control<any, any>): Extract<RemediationDecision, { document: string }>[] =>
  Object.values(control.remediationDecisions)
    .flat()
    .filter((decision): decision is Extract<RemediationDecision, { document: string }> => decision.kind !== 'not-fixable-in-place');

/**
 * The document Config runs for the control's rule, or undefined when the control has no automated
 * decision. Config keeps one remediation configuration per rule, so every automated decision of a
 * control must name the same document, one that takes every type those decisions cover.
 */
export function wiredDocument(control: Control<any, any>): RemediationDocument | undefined {
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
export function automatedSummaryOf(control: Control<any, any>): string {
  return [...new Set(runbookDecisions(control).filter((d) => d.kind === 'automated').map((d) => d.summary))].join(' ');
}

/** Runbooks a person starts for this control (deployed and output, never run by Config). */
export function manualDocumentsOf(control: Control<any, any>): RemediationDocument[] {
  const files = [...new Set(runbookDecisions(control).filter((d) => d.kind === 'manual').map((d) => d.document))];
  return files.map((file) => {
    const document = documentNamed(file);
    if (!document) throw new RemediationPlanError(`${control.id}: manual decision names ${file}, which infra/remediation-documents.ts does not register`);
    return document;
  });
}

/** Controls whose rule has a document Config runs, each with its own automatic switch. */
export const remediableControls = (): Control<any, any>[] => controls.filter((control) => wiredDocument(control));
