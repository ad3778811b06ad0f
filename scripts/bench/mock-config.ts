/**
 * AWS Config: the rule's earlier results (paged, ComplianceTypes filter honoured) and a
 * PutEvaluations that validates each request as Config would and reports no failed evaluations.
 */
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { EarlierResults } from './earlier-results.ts';
import { apiError, createPager, type PageSizeRule } from './paging.ts';
import { refuseUnserved, serviceMock, timed, type ServiceMock } from './service-mock.ts';

// Config API reference: Limit "default is 10 … cannot be greater than 100. If you specify 0, AWS Config uses the default."
const PAGE: PageSizeRule = { field: 'Limit', min: 0, max: 100, default: 10, zeroMeansDefault: true };
const MAX_EVALUATIONS_PER_CALL = 100;
const MAX_ANNOTATION_LENGTH = 256;

export interface ReportedEvaluations {
  evaluations: number;
  largestBatch: number;
  /** PutEvaluations calls that carried TestMode: a scheduled run must have none. */
  testModeCalls: number;
}

export interface ConfigMockOptions {
  earlier: EarlierResults;
  configRuleName: string;
  resultToken: string;
}

export function mockConfig({ earlier, configRuleName, resultToken }: ConfigMockOptions): ServiceMock & { reported: ReportedEvaluations } {
  const stub = mockClient(ConfigServiceClient);
  refuseUnserved(stub);

  const earlierPages = createPager('GetComplianceDetailsByConfigRule', PAGE, 'InvalidNextTokenException');
  stub.on(GetComplianceDetailsByConfigRuleCommand).callsFake(
    timed(async (input) => {
      if (input.ConfigRuleName !== configRuleName) {
        throw apiError('NoSuchConfigRuleException', `The ConfigRule '${input.ConfigRuleName}' provided in the request is invalid.`);
      }
      const wanted = input.ComplianceTypes?.length ? new Set<string>(input.ComplianceTypes) : undefined;
      const page = earlierPages(
        { count: earlier.count, at: earlier.at, keep: (r) => !wanted || wanted.has(r.ComplianceType ?? '') },
        input.Limit,
        input.NextToken,
      );
      return { EvaluationResults: page.items, ...(page.token ? { NextToken: page.token } : {}) };
    }),
  );

  const reported: ReportedEvaluations = { evaluations: 0, largestBatch: 0, testModeCalls: 0 };
  stub.on(PutEvaluationsCommand).callsFake(
    timed(async (input) => {
      const evaluations = input.Evaluations ?? [];
      if (input.ResultToken !== resultToken) {
        throw apiError('InvalidResultTokenException', 'The result token is not the one of this invocation.');
      }
      if (evaluations.length > MAX_EVALUATIONS_PER_CALL) {
        throw apiError('ValidationException', `${evaluations.length} evaluations; at most ${MAX_EVALUATIONS_PER_CALL} per call.`);
      }
      for (const e of evaluations) {
        if (!e.ComplianceResourceType || !e.ComplianceResourceId || !e.ComplianceType || !(e.OrderingTimestamp instanceof Date)) {
          throw apiError('ValidationException', `Evaluation of ${e.ComplianceResourceId ?? '?'} lacks a required field.`);
        }
        if ((e.Annotation?.length ?? 0) > MAX_ANNOTATION_LENGTH) {
          throw apiError('ValidationException', `Annotation of ${e.ComplianceResourceId} exceeds ${MAX_ANNOTATION_LENGTH} characters.`);
        }
      }
      reported.evaluations += evaluations.length;
      reported.largestBatch = Math.max(reported.largestBatch, evaluations.length);
      if (input.TestMode) reported.testModeCalls++;
      return { FailedEvaluations: [] };
    }),
  );

  return {
    ...serviceMock(stub, {
      GetComplianceDetailsByConfigRule: GetComplianceDetailsByConfigRuleCommand,
      PutEvaluations: PutEvaluationsCommand,
    }),
    reported,
  };
}
