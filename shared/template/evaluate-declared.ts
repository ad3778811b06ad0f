/**
 * Judges the caches a template or plan declares with the catalog's controls, parameters and pure
 * evaluators, exactly as the deployed rules would judge the created caches, except that reading a
 * value known only at deployment (or a fact only the account holds) yields UNDETERMINED with the
 * reason instead of a verdict.
 *
 * The snapshot is wrapped so that the evaluator's own reads decide: a Memcached cluster whose
 * AuthToken is a parameter is still NOT_APPLICABLE for authentication, since the evaluator never
 * looks at the token.
 */
import type { ComplianceType, ControlDefinition } from '../engine/control.ts';
import type { CacheResource } from '../inventory/cache-resource.ts';
import type { DeclaredCache, DeclaredStack } from './declared-stack.ts';
import { UndeterminedError } from './deploy-time.ts';
import { notJudgedBeforeDeployment, templateContextOf } from './template-contexts.ts';

export type TemplateCompliance = ComplianceType | 'UNDETERMINED';

export interface TemplateFinding {
  control: string;
  resourceId: string;
  resourceType: string;
  compliance: TemplateCompliance;
  annotation: string;
  file: string;
  line: number | undefined;
}

export interface EvaluateOptions {
  controls: readonly ControlDefinition<any, any>[];
  /** Parsed parameter values per control id (defaults filled in). */
  parameters: Readonly<Record<string, Record<string, unknown>>>;
  /** The time engine lifecycle dates and token ages are judged against: the scan's own clock. */
  evaluationTime: Date;
}

/** Annotations stay within Config's 256 characters, like the rules'. */
const MAX_ANNOTATION = 256;

export async function evaluateDeclared(stack: DeclaredStack, options: EvaluateOptions): Promise<TemplateFinding[]> {
  const findings: TemplateFinding[] = [];
  const snapshots = stack.caches.map((cache) => cache.snapshot);
  for (const control of options.controls) {
    const parameters = options.parameters[control.id] ?? {};
    const notJudged = notJudgedBeforeDeployment(control);
    if (notJudged !== undefined) {
      const annotation = fit(`Cannot be judged before deployment: ${notJudged}.`);
      for (const cache of stack.caches) {
        findings.push({ compliance: 'UNDETERMINED', annotation, control: control.id, resourceId: cache.address, resourceType: cache.sourceType, file: cache.file, line: cache.line });
      }
      continue;
    }
    const context = await templateContextOf(control, stack.facts, parameters, snapshots, { evaluationTime: options.evaluationTime });
    for (const cache of stack.caches) {
      findings.push({ ...judge(control, cache, parameters, context), control: control.id, resourceId: cache.address, resourceType: cache.sourceType, file: cache.file, line: cache.line });
    }
  }
  return findings;
}

function judge(control: ControlDefinition<any, any>, cache: DeclaredCache, parameters: Record<string, unknown>, context: unknown): { compliance: TemplateCompliance; annotation: string } {
  try {
    const verdict = control.evaluate(watched(cache, allowListSet(parameters)), parameters, context);
    return verdict;
  } catch (error) {
    if (!(error instanceof UndeterminedError)) throw error;
    return { compliance: 'UNDETERMINED', annotation: fit(`Cannot be judged before deployment: ${error.reason}.`) };
  }
}

/** The allow-list parameters that are set (approvedKmsKeyIds, allowedUserGroupIds, approvedTopicArns, …). */
function allowListSet(parameters: Record<string, unknown>): string | undefined {
  return Object.entries(parameters).find(([name, value]) => /^(approved|allowed)/.test(name) && Array.isArray(value) && value.length > 0)?.[0];
}

function watched(cache: DeclaredCache, allowList: string | undefined): CacheResource {
  return new Proxy(cache.snapshot, {
    get(target, property, receiver) {
      const field = property as keyof CacheResource;
      const unknown = cache.unknownFields[field];
      if (unknown) throw unknown;
      const placeholder = cache.deployTimeIds[field];
      if (placeholder && allowList) {
        throw new UndeterminedError(`${allowList} is set, and ${placeholder} is created by the template, so its id is assigned only at deployment`);
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

function fit(text: string): string {
  return text.length <= MAX_ANNOTATION ? text : `${text.slice(0, MAX_ANNOTATION - 1)}…`;
}
