"""Checks that the emulator keeps nothing per response: prints a JSON report, one entry per call.

Runs moto with the extension in this process (ThreadedMotoServer), creates a replication group, a
standalone cluster and a global datastore with boto3, then repeats the Describe calls whose
responses are built from views of the models and compares moto's per-class instance lists
(BaseModel.instances_tracked, which only grow) before and after. Used by
test/integration/emulator-memory.test.ts.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "local-aws"))

from moto_ext import install  # noqa: E402

install()

import boto3  # noqa: E402
from moto.core.common_models import BaseModel  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REPEATS = 25


def tracked() -> int:
    """Every instance moto's model classes have recorded so far."""
    seen, total, pending = set(), 0, list(BaseModel.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        total += len(getattr(cls, "instances_tracked", []))
        pending.extend(cls.__subclasses__())
    return total


def main() -> None:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
    server.start()
    try:
        client = boto3.client(
            "elasticache", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}",
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )
        client.create_replication_group(
            ReplicationGroupId="views-group", ReplicationGroupDescription="views", Engine="redis",
            CacheNodeType="cache.t3.micro", NumCacheClusters=2,
        )
        client.create_cache_cluster(CacheClusterId="views-cluster", Engine="memcached", CacheNodeType="cache.t3.micro", NumCacheNodes=2)
        client.create_global_replication_group(GlobalReplicationGroupIdSuffix="views", PrimaryReplicationGroupId="views-group")
        calls = {
            "DescribeCacheClusters(ShowCacheNodeInfo)": lambda: client.describe_cache_clusters(ShowCacheNodeInfo=True),
            "DescribeCacheClusters": lambda: client.describe_cache_clusters(),
            "DescribeReplicationGroups": lambda: client.describe_replication_groups(),
            "DescribeGlobalReplicationGroups(ShowMemberInfo)": lambda: client.describe_global_replication_groups(ShowMemberInfo=True),
        }
        report = {}
        for name, call in calls.items():
            call()  # the first call may create lasting state (a lazily built default); only repeats must not
            before = tracked()
            for _ in range(REPEATS):
                call()
            report[name] = {"repeats": REPEATS, "instancesAdded": tracked() - before}
        print(json.dumps(report))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
