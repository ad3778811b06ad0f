/** EC2 served from the estate's network: route tables. */
import { DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ROUTE_TABLE_COUNT, routeTable } from './estate.ts';
import { createPager, type PageSizeRule } from './paging.ts';
import { refuseUnserved, serviceMock, timed, type ServiceMock } from './service-mock.ts';

// EC2 API reference (DescribeRouteTables): MaxResults 5–100; without it, every route table in one page.
const PAGE: PageSizeRule = { field: 'MaxResults', min: 5, max: 100, default: Number.POSITIVE_INFINITY };

export function mockEc2(): ServiceMock {
  const stub = mockClient(EC2Client);
  refuseUnserved(stub);
  const routeTables = createPager('DescribeRouteTables', PAGE, 'InvalidNextToken');
  stub.on(DescribeRouteTablesCommand).callsFake(
    timed(async (input) => {
      const page = routeTables({ count: ROUTE_TABLE_COUNT, at: routeTable }, input.MaxResults, input.NextToken);
      return { RouteTables: page.items, ...(page.token ? { NextToken: page.token } : {}) };
    }),
  );
  return serviceMock(stub, { DescribeRouteTables: DescribeRouteTablesCommand });
}
