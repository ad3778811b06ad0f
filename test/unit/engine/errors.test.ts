import {
  ListingFailedError,
  MissingPermissionError,
  ReportingFailedError,
  callingAws,
  isAccessDenied,
} from '#shared/engine/errors.ts';

const failure = (name: string): Error => Object.assign(new Error(`${name} happened`), { name });

describe('callingAws', () => {
  it('names the IAM action and says nothing was reported when a listing is denied', async () => {
    // Act
    const call = callingAws('elasticache:DescribeCacheClusters', () => Promise.reject(failure('AccessDenied')));
    // Assess
    await expect(call).rejects.toThrow(MissingPermissionError);
    await expect(call).rejects.toThrow(/^Access denied for elasticache:DescribeCacheClusters: .*Nothing was reported, so earlier results stand/);
  });

  it('says the evaluations were reported when the clean-up after them is denied', async () => {
    // Act
    const call = callingAws('config:GetComplianceDetailsByConfigRule', () => Promise.reject(failure('AccessDeniedException')), 'clean-up');
    // Assess
    await expect(call).rejects.toThrow(/evaluations were reported, but results of deleted resources were not cleared/);
    await expect(call).rejects.not.toThrow(/Nothing was reported/);
  });

  it('says the next run reports again when PutEvaluations fails for another reason', async () => {
    // Act
    const call = callingAws('config:PutEvaluations', () => Promise.reject(failure('InternalFailure')), 'reporting');
    // Assess
    await expect(call).rejects.toThrow(ReportingFailedError);
    await expect(call).rejects.toThrow(/^config:PutEvaluations failed: .*the next run reports them again/);
  });

  it('calls a failed listing an incomplete inventory', async () => {
    // Act
    const call = callingAws('ec2:DescribeRouteTables', () => Promise.reject(failure('InternalError')));
    // Assess
    await expect(call).rejects.toThrow(ListingFailedError);
    await expect(call).rejects.toThrow(/inventory is incomplete and nothing was reported/);
  });

  it('recognises EC2\'s UnauthorizedOperation as access denied, and throttling as not', () => {
    expect(isAccessDenied(failure('UnauthorizedOperation'))).toBe(true);
    expect(isAccessDenied(failure('ThrottlingException'))).toBe(false);
    expect(isAccessDenied('AccessDenied')).toBe(false);
  });
});
