"""Seeds the emulator with Config rules backed by a custom Lambda, as the stack deploys them.

moto accepts a CUSTOM_LAMBDA rule only when its function exists, and a function only when its role
does: this creates one role and one (never invoked) function, then one rule per name given.
Usage: python seed_config_rules.py ENDPOINT RULE_NAME...
"""

import io
import json
import sys
import zipfile

import boto3

endpoint, *rule_names = sys.argv[1:]
session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
iam = session.client("iam", endpoint_url=endpoint)
lambda_client = session.client("lambda", endpoint_url=endpoint)
config = session.client("config", endpoint_url=endpoint)

trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="elasticache-rule-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as archive:
    archive.writestr("index.mjs", "export const handler = async () => undefined;\n")
function_arn = lambda_client.create_function(
    FunctionName="elasticache-rule", Runtime="nodejs20.x", Role=role, Handler="index.handler", Code={"ZipFile": code.getvalue()}
)["FunctionArn"]
for name in rule_names:
    config.put_config_rule(
        ConfigRule={
            "ConfigRuleName": name,
            "Source": {
                "Owner": "CUSTOM_LAMBDA",
                "SourceIdentifier": function_arn,
                "SourceDetails": [{"EventSource": "aws.config", "MessageType": "ScheduledNotification", "MaximumExecutionFrequency": "TwentyFour_Hours"}],
            },
        }
    )
print(json.dumps({"rules": rule_names}))
