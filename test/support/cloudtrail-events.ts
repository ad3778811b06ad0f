// Builds the EventBridge event CloudTrail emits for a management API call ("AWS API Call via
// CloudTrail", EventBridge user guide "Events from AWS services delivered via CloudTrail"; the detail
// is a CloudTrail record as in the CloudTrail user guide "CloudTrail record contents"). The envelope
// is typed with @types/aws-lambda's EventBridgeEvent.
import type { EventBridgeEvent } from 'aws-lambda';
import { ACCOUNT_ID, REGION } from './fixtures.ts';

export const API_CALL = 'AWS API Call via CloudTrail';
export const CALL_TIME = '2026-11-27T06:00:00Z';

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: Record<string, unknown>;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  eventType: 'AwsApiCall';
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: 'Management';
  errorCode?: string;
  errorMessage?: string;
}

export interface ApiCall {
  /** Short service name, e.g. elasticache. */
  service: string;
  eventName: string;
  account?: string;
  region?: string;
  eventTime?: string;
  errorCode?: string;
  readOnly?: boolean;
  requestParameters?: Record<string, unknown>;
  /** A distinct number per event, for distinct ids. */
  sequence?: number;
}

export function cloudTrailEvent(call: ApiCall): EventBridgeEvent<typeof API_CALL, CloudTrailRecord> {
  const account = call.account ?? ACCOUNT_ID;
  const region = call.region ?? REGION;
  const eventTime = call.eventTime ?? CALL_TIME;
  const n = String(call.sequence ?? 1).padStart(12, '0');
  return {
    version: '0',
    id: `6f9c8e3a-1b2c-4d5e-8f90-${n}`,
    'detail-type': API_CALL,
    source: `aws.${call.service}`,
    account,
    time: eventTime,
    region,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEROLEID:operator',
        arn: `arn:aws:sts::${account}:assumed-role/platform-operator/operator`,
        accountId: account,
      },
      eventTime,
      eventSource: `${call.service}.amazonaws.com`,
      eventName: call.eventName,
      awsRegion: region,
      sourceIPAddress: '198.51.100.23',
      userAgent: 'aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/linux',
      requestParameters: call.requestParameters ?? {},
      responseElements: call.errorCode ? null : {},
      requestID: `c0ffee00-0000-4000-8000-${n}`,
      eventID: `e7e7e7e7-0000-4000-8000-${n}`,
      readOnly: call.readOnly ?? false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: 'Management',
      ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: `${call.errorCode} (simulated)` } : {}),
    },
  };
}
