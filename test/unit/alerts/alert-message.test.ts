import { automaticBackup } from '#shared/controls/automatic-backup.ts';
import {
  composeAlert,
  consoleLink,
  controlOfRule,
  type AlertMessage,
  type NotifierSettings,
} from '#shared/alerts/alert-message.ts';
import { parseComplianceChange, type ComplianceChange } from '#shared/alerts/compliance-change.ts';
import {
  BACKUP_ANNOTATION,
  EVENT_TIME,
  complianceChangeEvent,
  line,
  type ComplianceChangeOptions,
} from '../../support/compliance-events.ts';
import { CONTROL_SUMMARIES } from '../../support/control-summaries.ts';
import { ACCOUNT_ID } from '../../support/fixtures.ts';

/** The notifier's defaults: resolved messages on, every remediation on request. */
const DEFAULTS: NotifierSettings = { notifyOnResolved: true, automaticRemediationControls: new Set() };
const BACKUP_REMEDIATION = 'Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime).';
const BACKUP_RUNBOOK = 'SSM Automation runbook elasticache-automatic-backup';

/** The items of a remediation that lists one decision per kind of finding ("  - when: ..."). */
function remediationItems(body: string): string[] {
  const lines = body.split('\n');
  const items: string[] = [];
  for (const following of lines.slice(lines.findIndex((l) => l.startsWith('Remediation:')) + 1)) {
    if (!following.startsWith('  - ')) break;
    items.push(following.slice(4));
  }
  return items;
}

/** The change Config reports in the event built from `options` (default: orders-cache COMPLIANT → NON_COMPLIANT on automatic-backup). */
const change = (options: ComplianceChangeOptions = {}): ComplianceChange => parseComplianceChange(complianceChangeEvent(options));

/** Composes the alert for a change, failing the test if nothing would be sent. */
function alertOf(reported: ComplianceChange, settings: NotifierSettings = DEFAULTS): AlertMessage {
  const decision = composeAlert(reported, CONTROL_SUMMARIES, settings);
  if (!decision.publish) throw new Error(`expected a message, got none: ${decision.reason}`);
  return decision.message;
}

/** The alert for the change in the event built from `options`. */
const alertFor = (options: ComplianceChangeOptions = {}, settings: NotifierSettings = DEFAULTS): AlertMessage =>
  alertOf(change(options), settings);

describe('composeAlert', () => {
  describe('scenarios', () => {
    it('Given a change to NON_COMPLIANT, then an alert naming the control, resource, account, region, old → new compliance, the annotation, the remediation available and a console link', () => {
      // Act
      const message = alertFor();
      // Assess
      expect(message.subject).toBe(`[NON_COMPLIANT][HIGH] ElastiCache automatic-backup: orders-cache (${ACCOUNT_ID} us-east-1)`);
      expect(message.body.split('\n')).toEqual([
        'An ElastiCache resource does not meet the control "ElastiCache keeps automatic backups long enough".',
        '',
        'Control:     automatic-backup (severity HIGH)',
        'Resource:    AWS::ElastiCache::ReplicationGroup orders-cache',
        `Account:     ${ACCOUNT_ID}`,
        'Region:      us-east-1',
        'Compliance:  COMPLIANT -> NON_COMPLIANT',
        `Finding:     ${BACKUP_ANNOTATION}`,
        `Remediation: available on request from the Config console (${BACKUP_RUNBOOK}): ${BACKUP_REMEDIATION}`,
        'Config rule: elasticache-automatic-backup',
        'Console:     https://console.aws.amazon.com/config/home?region=us-east-1#/rules/details?configRuleName=elasticache-automatic-backup',
        `Changed at:  ${EVENT_TIME}`,
        '',
        'Evidence for:',
        '- AWS Foundational Security Best Practices v1.0.0 (Security Hub control ids): ElastiCache.1',
        '- PCI DSS v4.0.1: 10.3.3',
        '- NIST SP 800-53 Rev. 5: CP-10, CP-6, CP-6(1), CP-6(2), CP-9, SC-5(2), SI-12, SI-13(5)',
        '- ISO/IEC 27001:2022 Annex A: A.8.13',
        '- SOC 2 (AICPA 2017 Trust Services Criteria): A1.2',
        '- NIST Cybersecurity Framework 2.0: PR.DS-11',
        '- EU DORA, Regulation (EU) 2022/2554: Article 12(1)(a)',
        '',
        'How to fix it:',
        ...automaticBackup.remediation.map((step, i) => `${i + 1}. ${step}`),
      ]);
      expect(message.attributes).toMatchObject({ complianceType: 'NON_COMPLIANT', notification: 'finding' });
    });

    it('Given NON_COMPLIANT → COMPLIANT (or NOT_APPLICABLE), then a "resolved" message, unless resolved messages are turned off', () => {
      for (const newCompliance of ['COMPLIANT', 'NOT_APPLICABLE'] as const) {
        // Prepare
        const resolved = change({ oldCompliance: 'NON_COMPLIANT', newCompliance, annotation: null });
        // Act
        const on = composeAlert(resolved, CONTROL_SUMMARIES, { ...DEFAULTS, notifyOnResolved: true });
        const off = composeAlert(resolved, CONTROL_SUMMARIES, { ...DEFAULTS, notifyOnResolved: false });
        // Assess
        expect(on).toMatchObject({
          publish: true,
          message: {
            subject: `[RESOLVED] ElastiCache automatic-backup: orders-cache (${ACCOUNT_ID} us-east-1)`,
            attributes: { complianceType: newCompliance, notification: 'resolved' },
          },
        });
        const body = on.publish ? on.message.body : '';
        expect(body).toMatch(/^An earlier finding for the control "ElastiCache keeps automatic backups long enough" no longer applies\./);
        expect(line(body, 'Compliance')).toBe(`NON_COMPLIANT -> ${newCompliance}`);
        expect(line(body, 'Remediation')).toBe('none needed.');
        expect(off).toEqual({ publish: false, reason: 'resolved messages are turned off' });
      }
    });

    it('Given NON_COMPLIANT → INSUFFICIENT_DATA, then nothing is sent (the finding is not shown resolved)', () => {
      // Act
      const decision = composeAlert(
        parseComplianceChange(complianceChangeEvent({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'INSUFFICIENT_DATA' })),
        CONTROL_SUMMARIES,
        DEFAULTS,
      );
      // Assess
      expect(decision.publish).toBe(false);
    });

    it('Given a first evaluation that is COMPLIANT, or COMPLIANT → NOT_APPLICABLE, then nothing is sent (no finding was ever raised)', () => {
      // Prepare
      const firstCompliant = change({ oldCompliance: null, newCompliance: 'COMPLIANT', annotation: null });
      const compliantToNotApplicable = change({ oldCompliance: 'COMPLIANT', newCompliance: 'NOT_APPLICABLE', annotation: null });
      // Act
      const decisions = [firstCompliant, compliantToNotApplicable].map((c) => composeAlert(c, CONTROL_SUMMARIES, DEFAULTS));
      // Assess
      expect(decisions).toEqual([
        { publish: false, reason: 'first evaluation -> COMPLIANT raises or clears no finding' },
        { publish: false, reason: 'COMPLIANT -> NOT_APPLICABLE raises or clears no finding' },
      ]);
    });

    it("Given a rule that is not one of this package's controls, then nothing is sent", () => {
      // Prepare: the AWS managed ElastiCache backup rule, going NON_COMPLIANT.
      const managed = change({ configRuleName: 'elasticache-redis-cluster-automatic-backup-check' });
      // Act
      const decision = composeAlert(managed, CONTROL_SUMMARIES, DEFAULTS);
      // Assess
      expect(decision).toEqual({
        publish: false,
        reason: "rule elasticache-redis-cluster-automatic-backup-check is not one of this package's controls",
      });
    });
  });

  describe('which control a rule is', () => {
    it.each([
      ['elasticache-encryption-at-rest', 'encryption-at-rest', 'deployed by this package'],
      ['elasticache-encryption-at-rest-conformance-pack-abcd1234', 'encryption-at-rest', 'renamed by a conformance pack'],
      ['OrgConfigRule-elasticache-automatic-backup-xyz', 'automatic-backup', 'renamed by an organization rule'],
      ['elasticache-encryption-in-transit-conformance-pack-q7r8s9t0', 'encryption-in-transit', 'renamed by a conformance pack'],
    ])('%s is %s (%s)', (configRuleName, controlId) => {
      expect(controlOfRule(configRuleName, CONTROL_SUMMARIES)?.id).toBe(controlId);
    });

    it.each([
      ['elasticache-redis-cluster-automatic-backup-check', 'an AWS managed rule'],
      ['elasticache-encryption-at-restful', 'a rule that only starts with a control rule name'],
      ['OrgConfigRule-s3-bucket-versioning-enabled-abc123', 'another organization rule'],
      ['encryption-at-rest', 'the bare control id'],
    ])('%s is no control (%s)', (configRuleName) => {
      expect(controlOfRule(configRuleName, CONTROL_SUMMARIES)).toBeUndefined();
    });

    it('prefers the longest matching rule name', () => {
      // Prepare: a control whose rule name extends another's.
      const controls = [
        { id: 'backup', title: 'Backups', severity: 'LOW', ruleName: 'elasticache-backup', remediationDecisions: {}, runbook: [] },
        {
          id: 'backup-window',
          title: 'Backup window',
          severity: 'LOW',
          ruleName: 'elasticache-backup-window',
          remediationDecisions: {},
          runbook: [],
        },
      ];
      // Act + Assess
      expect(controlOfRule('elasticache-backup-window-conformance-pack-abc', controls)?.id).toBe('backup-window');
      expect(controlOfRule('elasticache-backup-conformance-pack-abc', controls)?.id).toBe('backup');
    });
  });

  describe('the subject', () => {
    it('is ASCII and under 100 characters even for a 255-character resource id', () => {
      // Prepare
      const resourceId = `orders-${'a'.repeat(248)}`;
      expect(resourceId).toHaveLength(255);
      // Act
      const { subject, body } = alertFor({ resourceId });
      // Assess
      expect(subject).toMatch(/^[\x20-\x7e]+$/);
      expect(subject.length).toBeLessThan(100);
      expect(subject).toMatch(/^\[NON_COMPLIANT\]\[HIGH\] ElastiCache automatic-backup: orders-a+\.\.\.$/);
      // The body keeps the whole id.
      expect(line(body, 'Resource')).toBe(`AWS::ElastiCache::ReplicationGroup ${resourceId}`);
    });

    it('replaces line breaks and non-ASCII characters, which SNS refuses in a subject', () => {
      // Act
      const { subject } = alertFor({ resourceId: 'caché\nBcc: x' });
      // Assess
      expect(subject).toBe(`[NON_COMPLIANT][HIGH] ElastiCache automatic-backup: cach??Bcc: x (${ACCOUNT_ID} us-east-1)`);
    });
  });

  describe('the body', () => {
    it('says how the finding can be remediated: automatically, on request, by a manual runbook, or not in place with the steps', () => {
      // Act
      const automatic = alertFor({}, { ...DEFAULTS, automaticRemediationControls: new Set(['automatic-backup']) });
      const onRequest = alertFor({}, { ...DEFAULTS, automaticRemediationControls: new Set() });
      const manual = alertFor({ configRuleName: 'elasticache-security-group-exposure', annotation: 'Security group sg-1 admits 0.0.0.0/0.' });
      const notInPlace = alertFor({
        configRuleName: 'elasticache-subnet-privacy',
        resourceType: 'AWS::ElastiCache::CacheCluster',
        annotation: 'Subnet subnet-1 is public.',
      });
      // Assess
      expect(line(automatic.body, 'Remediation')).toBe(`runs automatically (${BACKUP_RUNBOOK}): ${BACKUP_REMEDIATION}`);
      expect(line(onRequest.body, 'Remediation')).toBe(`available on request from the Config console (${BACKUP_RUNBOOK}): ${BACKUP_REMEDIATION}`);
      expect(line(manual.body, 'Remediation')).toMatch(
        /^manual runbook elasticache-security-group-exposure, started and scheduled by a person \(SSM Automation\): Revokes exactly the world-open ingress rules/,
      );
      expect(line(notInPlace.body, 'Remediation')).toMatch(/^not fixable in place: The subnet group of an existing cache cannot be changed in place: /);
      expect(notInPlace.body).toContain('How to fix it:\n1. The subnet group of an existing cache cannot be changed in place');
    });

    it('says remediation runs automatically only for the controls switched to automatic', () => {
      // Prepare: encryption-in-transit remediates by itself, automatic-backup on request.
      const settings = { ...DEFAULTS, automaticRemediationControls: new Set(['encryption-in-transit']) };
      // Act
      const backup = alertFor({}, settings);
      const tls = alertFor({ configRuleName: 'elasticache-encryption-in-transit', annotation: 'TLS is in preferred mode.' }, settings);
      // Assess
      expect(line(backup.body, 'Remediation')).toMatch(/^available on request from the Config console \(SSM Automation runbook /);
      expect(remediationItems(tls.body)[0]).toMatch(/^TLS on in preferred mode: runs automatically \(SSM Automation runbook elasticache-encryption-in-transit\): Moves/);
    });

    it('lists every decision of a type that has several, each with the findings it answers', () => {
      // Act: TLS on a replication group has an automated runbook, a manual one and a rebuild.
      const tls = alertFor({ configRuleName: 'elasticache-encryption-in-transit', annotation: 'TLS is off.' });
      // Assess
      expect(line(tls.body, 'Remediation')).toBe('depends on the finding:');
      expect(remediationItems(tls.body).map((item) => item.split(': ')[0])).toEqual([
        'TLS on in preferred mode',
        'TLS off on Redis OSS 7+ or Valkey',
        'TLS off on Redis OSS below 7',
      ]);
      expect(remediationItems(tls.body)[1]).toContain('manual runbook elasticache-encryption-in-transit-preferred, started and scheduled by a person');
      expect(remediationItems(tls.body)[2]).toMatch(/^TLS off on Redis OSS below 7: not fixable in place: /);
    });

    it('takes the decision for the alerted resource\'s type', () => {
      // Prepare: high-availability has a runbook for replication groups; a standalone node must be rebuilt.
      const settings = { ...DEFAULTS, automaticRemediationControls: new Set(['high-availability']) };
      // Act
      const group = alertFor({ configRuleName: 'elasticache-high-availability', annotation: 'No failover.' }, settings);
      const cluster = alertFor(
        { configRuleName: 'elasticache-high-availability', resourceType: 'AWS::ElastiCache::CacheCluster', annotation: 'A standalone node cannot fail over.' },
        settings,
      );
      // Assess
      expect(line(group.body, 'Remediation')).toMatch(/^runs automatically \(SSM Automation runbook elasticache-high-availability\): /);
      expect(remediationItems(cluster.body)).toEqual([
        expect.stringMatching(/^a standalone Redis OSS or Valkey node: not fixable in place: A standalone node cannot fail over/),
        expect.stringMatching(/^a Memcached cluster in one Availability Zone: in place by hand, no runbook: Add nodes in another zone/),
      ]);
    });

    it('never says a finding cannot be fixed in place when the catalog names a runbook for its type', () => {
      for (const summary of CONTROL_SUMMARIES) {
        for (const [resourceType, decisions] of Object.entries(summary.remediationDecisions)) {
          // Act
          const { body } = alertFor({ configRuleName: summary.ruleName, resourceType, annotation: 'Finding.' });
          const remediation = [line(body, 'Remediation'), ...remediationItems(body)].join('\n');
          // Assess
          const notInPlace = decisions.filter((d) => d.kind === 'not-fixable-in-place').length;
          expect({ control: summary.id, resourceType, notInPlace: remediation.split('not fixable in place').length - 1 }).toEqual({
            control: summary.id,
            resourceType,
            notInPlace,
          });
          expect(remediation).not.toMatch(/cannot be fixed in place/);
        }
      }
    });

    it('says no runbook is declared for a type the control never flags', () => {
      // Act: serverless caches are always highly available, so the catalog has no decision for them.
      const serverless = alertFor({
        configRuleName: 'elasticache-high-availability',
        resourceType: 'AWS::ElastiCache::ServerlessCache',
        annotation: 'Finding.',
      });
      // Assess
      expect(line(serverless.body, 'Remediation')).toBe('no runbook is declared for AWS::ElastiCache::ServerlessCache; follow the steps below.');
    });

    it('names the first evaluation and a missing annotation', () => {
      // Act
      const { body } = alertFor({ oldCompliance: null, annotation: null });
      // Assess
      expect(line(body, 'Compliance')).toBe('first evaluation -> NON_COMPLIANT');
      expect(line(body, 'Finding')).toBe('(no annotation)');
    });

    it('says when the change happened, if the event says', () => {
      // Act
      const timed = alertFor();
      const untimed = alertOf({ ...change(), time: undefined });
      // Assess
      expect(line(timed.body, 'Changed at')).toBe(EVENT_TIME);
      expect(line(untimed.body, 'Changed at')).toBeUndefined();
    });

    it('names the rule as Config named it, and links the console of its partition (commercial, China, GovCloud)', () => {
      // Act
      const china = alertFor({ region: 'cn-north-1', configRuleName: 'OrgConfigRule-elasticache-automatic-backup-xyz' });
      const govCloud = alertFor({ region: 'us-gov-west-1', configRuleName: 'elasticache-encryption-at-rest-conformance-pack-abcd1234' });
      // Assess
      expect(line(china.body, 'Region')).toBe('cn-north-1');
      expect(line(china.body, 'Config rule')).toBe('OrgConfigRule-elasticache-automatic-backup-xyz');
      expect(line(china.body, 'Console')).toBe(
        'https://console.amazonaws.cn/config/home?region=cn-north-1#/rules/details?configRuleName=OrgConfigRule-elasticache-automatic-backup-xyz',
      );
      expect(line(govCloud.body, 'Console')).toBe(
        'https://console.amazonaws-us-gov.com/config/home?region=us-gov-west-1#/rules/details?configRuleName=elasticache-encryption-at-rest-conformance-pack-abcd1234',
      );
    });
  });

  describe('the attributes subscribers filter on', () => {
    it('are exactly control, complianceType, severity, accountId, region, resourceType, notification and frameworks', () => {
      // Act
      const finding = alertFor({ accountId: '210987654321', region: 'eu-west-1' });
      const resolved = alertFor({ oldCompliance: 'NON_COMPLIANT', newCompliance: 'COMPLIANT' });
      // Assess
      expect(finding.attributes).toStrictEqual({
        control: 'automatic-backup',
        complianceType: 'NON_COMPLIANT',
        severity: 'HIGH',
        accountId: '210987654321',
        region: 'eu-west-1',
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        notification: 'finding',
        frameworks: ['fsbp', 'pci-dss-4.0.1', 'nist-800-53-r5', 'iso-27001-2022', 'soc2', 'nist-csf-2.0', 'dora'],
      });
      expect(resolved.attributes).toStrictEqual({
        control: 'automatic-backup',
        complianceType: 'COMPLIANT',
        severity: 'HIGH',
        accountId: ACCOUNT_ID,
        region: 'us-east-1',
        resourceType: 'AWS::ElastiCache::ReplicationGroup',
        notification: 'resolved',
        frameworks: ['fsbp', 'pci-dss-4.0.1', 'nist-800-53-r5', 'iso-27001-2022', 'soc2', 'nist-csf-2.0', 'dora'],
      });
    });

    it('names only the frameworks a control maps a requirement of, in the catalog\'s order', () => {
      // Prepare
      const summaries = CONTROL_SUMMARIES.map((summary) =>
        summary.id === 'automatic-backup' ? { ...summary, frameworks: { dora: ['Article 12(1)(a)'], fsbp: ['ElastiCache.1'] } } : summary,
      );
      // Act
      const decision = composeAlert(change(), summaries, DEFAULTS);
      // Assess
      expect(decision).toMatchObject({ publish: true, message: { attributes: { frameworks: ['fsbp', 'dora'] } } });
      const body = (decision as { message: AlertMessage }).message.body;
      expect(body).toContain('Evidence for:\n- AWS Foundational Security Best Practices v1.0.0 (Security Hub control ids): ElastiCache.1\n- EU DORA, Regulation (EU) 2022/2554: Article 12(1)(a)\n');
      expect(body).not.toContain('PCI DSS');
    });

    it('sends no frameworks attribute and no "Evidence for" lines for a control that maps none', () => {
      // Prepare
      const summaries = CONTROL_SUMMARIES.map((summary) => (summary.id === 'automatic-backup' ? { ...summary, frameworks: {} } : summary));
      // Act
      const decision = composeAlert(change(), summaries, DEFAULTS);
      // Assess
      expect(decision).toMatchObject({ publish: true });
      expect((decision as { message: AlertMessage }).message.attributes).not.toHaveProperty('frameworks');
      expect((decision as { message: AlertMessage }).message.body).not.toContain('Evidence for:');
    });
  });
});

describe('consoleLink', () => {
  it.each([
    ['us-east-1', 'https://console.aws.amazon.com/config/home?region=us-east-1#/rules/details?configRuleName='],
    ['eu-central-2', 'https://console.aws.amazon.com/config/home?region=eu-central-2#/rules/details?configRuleName='],
    ['cn-northwest-1', 'https://console.amazonaws.cn/config/home?region=cn-northwest-1#/rules/details?configRuleName='],
    ['us-gov-east-1', 'https://console.amazonaws-us-gov.com/config/home?region=us-gov-east-1#/rules/details?configRuleName='],
  ])('opens the rule in the console of %s', (region, prefix) => {
    expect(consoleLink(region, 'elasticache-subnet-privacy')).toBe(`${prefix}elasticache-subnet-privacy`);
  });

  it('encodes the rule name', () => {
    expect(consoleLink('us-east-1', 'rule name/with#parts')).toMatch(/configRuleName=rule%20name%2Fwith%23parts$/);
  });
});
