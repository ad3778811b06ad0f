import { TEST_MODE_TOKEN, parseConfigRuleEvent, parseItem, parseTime } from '#shared/engine/config-event.ts';
import { InvalidEventError } from '#shared/engine/errors.ts';
import {
  NOTIFICATION_TIME,
  RESULT_TOKEN,
  RULE_NAME,
  changeEvent,
  oversizedEvent,
  routeTableItem,
  scheduledEvent,
} from '../../support/config-events.ts';
import { ACCOUNT_ID, REGION } from '../../support/fixtures.ts';

const ROUTE_TABLE = 'rtb-0a1b2c3d4e5f6e001';
const CAPTURE_TIME = '2026-11-27T09:58:12.345Z';
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;

/** The route table item Config records, with the configuration a change notification carries. */
const routeTableChange = () => ({
  ...routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME),
  configuration: { routeTableId: ROUTE_TABLE, routes: [], associations: [], vpcId: 'vpc-0a1b2c3d4e5f60001' },
});

/** A scheduled event with some fields replaced or removed (undefined), as a broken caller might send. */
const periodicEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...scheduledEvent({ ruleParameters: { minimumRetentionDays: '7' } }),
  ...overrides,
});

/** Parses the event and returns the InvalidEventError it threw, failing the test if it did not. */
function refusal(raw: unknown): InvalidEventError {
  try {
    parseConfigRuleEvent(raw);
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidEventError');
}

describe('parseConfigRuleEvent', () => {
  describe('usable events', () => {
    it('reads a scheduled notification, with its notification time, token, parameters and identity', () => {
      // Act
      const event = parseConfigRuleEvent(periodicEvent());
      // Assess
      expect(event).toEqual({
        trigger: { kind: 'scheduled', notificationTime: new Date(NOTIFICATION_TIME) },
        ruleParameters: { minimumRetentionDays: '7' },
        resultToken: RESULT_TOKEN,
        testMode: false,
        eventLeftScope: false,
        configRuleName: RULE_NAME,
        accountId: ACCOUNT_ID,
        configRuleArn: `arn:aws:config:us-east-1:${ACCOUNT_ID}:config-rule/config-rule-abc123`,
        executionRoleArn: EXECUTION_ROLE,
      });
    });

    it('reads a configuration item change notification', () => {
      // Act
      const event = parseConfigRuleEvent(changeEvent(routeTableChange()));
      // Assess
      expect(event.trigger).toEqual({
        kind: 'change',
        item: {
          configurationItemStatus: 'OK',
          resourceType: 'AWS::EC2::RouteTable',
          resourceId: ROUTE_TABLE,
          configurationItemCaptureTime: CAPTURE_TIME,
          captureTime: new Date(CAPTURE_TIME),
          ARN: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:route-table/${ROUTE_TABLE}`,
          awsRegion: REGION,
          configuration: routeTableChange().configuration,
        },
      });
    });

    it('reads an oversized change notification as its summary, to be fetched from history', () => {
      // Act
      const event = parseConfigRuleEvent(oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', CAPTURE_TIME)));
      // Assess
      expect(event.trigger.kind).toBe('oversized-change');
      if (event.trigger.kind !== 'oversized-change') return;
      expect(event.trigger.summary).toMatchObject({
        configurationItemStatus: 'OK',
        resourceType: 'AWS::EC2::RouteTable',
        resourceId: ROUTE_TABLE,
        configurationItemCaptureTime: CAPTURE_TIME,
      });
      expect(event.trigger.summary.configuration).toBeUndefined();
    });

    it('reads a deleted resource\'s change, leaving the judgement of its status to the engine', () => {
      // Prepare
      const deleted = routeTableItem(ROUTE_TABLE, 'ResourceDeleted', CAPTURE_TIME);
      // Act
      const event = parseConfigRuleEvent(changeEvent(deleted));
      // Assess
      expect(event.trigger.kind === 'change' && event.trigger.item.configurationItemStatus).toBe('ResourceDeleted');
    });

    it('sets testMode when the result token is TESTMODE', () => {
      // Act
      const event = parseConfigRuleEvent(scheduledEvent({ resultToken: TEST_MODE_TOKEN }));
      // Assess
      expect(TEST_MODE_TOKEN).toBe('TESTMODE');
      expect(event.testMode).toBe(true);
      expect(event.resultToken).toBe('TESTMODE');
    });

    it('reads eventLeftScope as a boolean or the string "true"', () => {
      // Act
      const values = [true, 'true', false, 'false', undefined].map(
        (eventLeftScope) => parseConfigRuleEvent({ ...changeEvent(routeTableChange()), eventLeftScope }).eventLeftScope,
      );
      // Assess
      expect(values).toEqual([true, true, false, false, false]);
    });

    it('treats missing rule parameters as none', () => {
      // Act
      const event = parseConfigRuleEvent(scheduledEvent());
      // Assess
      expect(event.ruleParameters).toEqual({});
    });

    it('reads "{}" rule parameters as none', () => {
      // Act
      const event = parseConfigRuleEvent(periodicEvent({ ruleParameters: '{}' }));
      // Assess
      expect(event.ruleParameters).toEqual({});
    });

    it('leaves the account and execution role undefined when absent or empty', () => {
      // Act
      const event = parseConfigRuleEvent(periodicEvent({ accountId: undefined, executionRoleArn: '' }));
      // Assess
      expect(event.accountId).toBeUndefined();
      expect(event.executionRoleArn).toBeUndefined();
    });
  });

  describe('unusable events', () => {
    it('refuses something that is not an object', () => {
      // Act
      const errors = [null, 'event', 42, undefined].map(refusal);
      // Assess
      for (const error of errors) expect(error.message).toContain('The event is not an object');
    });

    it('refuses an invokingEvent that is not JSON', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: '{"messageType":' }));
      // Assess
      expect(error.name).toBe('InvalidEventError');
      expect(error.message).toContain('invokingEvent is not valid JSON');
    });

    it('refuses an invokingEvent passed as an object instead of a JSON string', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: { messageType: 'ScheduledNotification' } }));
      // Assess
      expect(error.message).toContain('invokingEvent is missing or not a string');
    });

    it('refuses an invokingEvent that is JSON but not an object', () => {
      // Act
      const errors = ['[]', '"ScheduledNotification"', 'null'].map((invokingEvent) => refusal(periodicEvent({ invokingEvent })));
      // Assess
      for (const error of errors) expect(error.message).toContain('invokingEvent must be a JSON object');
    });

    it('refuses an unknown messageType, naming it and the supported ones', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: JSON.stringify({ messageType: 'ConfigurationSnapshotDeliveryCompleted' }) }));
      // Assess
      expect(error.message).toContain('invokingEvent.messageType "ConfigurationSnapshotDeliveryCompleted" is not supported');
      expect(error.message).toContain('ScheduledNotification, ConfigurationItemChangeNotification or OversizedConfigurationItemChangeNotification');
    });

    it('refuses an invokingEvent without a messageType', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: '{}' }));
      // Assess
      expect(error.message).toContain('invokingEvent.messageType undefined is not supported');
    });

    it('refuses an event without a resultToken', () => {
      // Act
      const errors = [periodicEvent({ resultToken: undefined }), periodicEvent({ resultToken: '' })].map(refusal);
      // Assess
      for (const error of errors) expect(error.message).toBe('event.resultToken is missing or empty.');
    });

    it('refuses an event without a configRuleName', () => {
      // Act
      const error = refusal(periodicEvent({ configRuleName: undefined }));
      // Assess
      expect(error.message).toBe('event.configRuleName is missing or empty.');
    });

    it('refuses ruleParameters that are not JSON', () => {
      // Act
      const error = refusal(periodicEvent({ ruleParameters: 'minimumRetentionDays=7' }));
      // Assess
      expect(error.message).toContain('ruleParameters is not valid JSON');
    });

    it('refuses ruleParameters that are a JSON array', () => {
      // Act
      const error = refusal(periodicEvent({ ruleParameters: '["7"]' }));
      // Assess
      expect(error.message).toBe('ruleParameters must be a JSON object.');
    });

    it('refuses a scheduled notification whose time is not a timestamp, quoting it', () => {
      // Prepare
      const invokingEvent = JSON.stringify({ awsAccountId: ACCOUNT_ID, notificationCreationTime: 'yesterday', messageType: 'ScheduledNotification', recordVersion: '1.0' });
      // Act
      const error = refusal(periodicEvent({ invokingEvent }));
      // Assess
      expect(error.message).toBe(
        'invokingEvent.notificationCreationTime "yesterday" is not an ISO 8601 timestamp with a time zone, such as 2026-11-27T06:00:00.000Z.',
      );
    });

    // Each of these JavaScript's Date reads as some instant (2001-01-01, 2001-12-01, 2024-03-01, or
    // local time), which would have become the OrderingTimestamp of every resource.
    const ODD_TIMES = ['1', '0', '-1', '12', '2024-02-30T12:00:00Z', '2026-11-27T06:00:00', '2026-11-27', '2026-11-27T25:00:00Z', 'Fri, 27 Nov 2026 06:00:00 GMT'];

    it.each(ODD_TIMES)('refuses a scheduled notification whose time is %j, naming the field and the value', (time) => {
      // Prepare
      const invokingEvent = JSON.stringify({ awsAccountId: ACCOUNT_ID, notificationCreationTime: time, messageType: 'ScheduledNotification', recordVersion: '1.0' });
      // Act
      const error = refusal(periodicEvent({ invokingEvent }));
      // Assess
      expect(error.message.startsWith(`invokingEvent.notificationCreationTime ${JSON.stringify(time)} `)).toBe(true);
    });

    it.each(ODD_TIMES)('refuses a change whose capture time is %j, naming the field and the value', (time) => {
      // Act
      const errors = [changeEvent(routeTableItem(ROUTE_TABLE, 'OK', time)), oversizedEvent(routeTableItem(ROUTE_TABLE, 'OK', time))].map(refusal);
      // Assess
      const [change, oversized] = errors.map((error) => error.message);
      expect(change?.startsWith(`invokingEvent.configurationItem.configurationItemCaptureTime ${JSON.stringify(time)} `)).toBe(true);
      expect(oversized?.startsWith(`invokingEvent.configurationItemSummary.configurationItemCaptureTime ${JSON.stringify(time)} `)).toBe(true);
    });

    it('refuses a scheduled notification without a notification time', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: JSON.stringify({ messageType: 'ScheduledNotification' }) }));
      // Assess
      expect(error.message).toBe('invokingEvent.notificationCreationTime is missing or empty.');
    });

    it('refuses a change whose capture time is not a timestamp', () => {
      // Act
      const error = refusal(changeEvent(routeTableItem(ROUTE_TABLE, 'OK', '27/11/2026 09:58')));
      // Assess
      expect(error.message).toMatch(/^invokingEvent\.configurationItem\.configurationItemCaptureTime "27\/11\/2026 09:58" is not an ISO 8601 timestamp/);
    });

    it('refuses a change notification without a configuration item', () => {
      // Act
      const error = refusal(periodicEvent({ invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification', configurationItem: null }) }));
      // Assess
      expect(error.message).toBe('invokingEvent.configurationItem is missing or not an object.');
    });

    it('refuses a configuration item without a resource id, naming the field', () => {
      // Act
      const error = refusal(changeEvent({ ...routeTableChange(), resourceId: '' }));
      // Assess
      expect(error.message).toBe('invokingEvent.configurationItem.resourceId is missing or empty.');
    });
  });
});

describe('parseItem', () => {
  it('keeps ARN and awsRegion only when they are strings', () => {
    // Act
    const item = parseItem({ ...routeTableChange(), ARN: null, awsRegion: 42 }, 'configurationItem');
    // Assess
    expect(item).not.toHaveProperty('ARN');
    expect(item).not.toHaveProperty('awsRegion');
  });
});

describe('parseTime', () => {
  it('reads an ISO 8601 timestamp', () => {
    // Act
    const time = parseTime('2026-11-27T09:58:12.345Z', 'somewhere');
    // Assess
    expect(time.toISOString()).toBe('2026-11-27T09:58:12.345Z');
  });

  it('reads an offset as the instant it names', () => {
    // Act
    const time = parseTime('2026-11-27T10:58:12.345+01:00', 'somewhere');
    // Assess
    expect(time.toISOString()).toBe('2026-11-27T09:58:12.345Z');
  });

  it('names where the bad timestamp came from, the value and what is wrong with it', () => {
    // Act
    const act = () => parseTime('2024-02-30T12:00:00Z', 'invokingEvent.notificationCreationTime');
    // Assess
    expect(act).toThrow(InvalidEventError);
    expect(act).toThrow('invokingEvent.notificationCreationTime "2024-02-30T12:00:00Z" has no day 30 in month 2 of 2024.');
  });

  it('refuses an empty timestamp', () => {
    // Act
    const act = () => parseTime('', 'invokingEvent.notificationCreationTime');
    // Assess
    expect(act).toThrow(/^invokingEvent\.notificationCreationTime "" is not an ISO 8601 timestamp/);
  });
});
