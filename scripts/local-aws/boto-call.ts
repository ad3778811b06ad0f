/**
 * One AWS API call made with boto3 from the project's Python (.venv), for the services this package
 * has no SDK v3 client for (CloudWatch Logs, Firehose): the runbooks' `aws:executeScript` steps make
 * these calls with boto3 too. The call goes where `env` points (AWS_ENDPOINT_URL: the emulator).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CALL = `
import json, sys
import boto3, botocore.exceptions
request = json.load(sys.stdin)
client = boto3.client(request["service"], region_name=request["region"])
try:
    response = getattr(client, request["operation"])(**request["parameters"])
except botocore.exceptions.ClientError as error:
    json.dump({"error": error.response["Error"]}, sys.stdout)
else:
    response.pop("ResponseMetadata", None)
    json.dump({"response": response}, sys.stdout, default=str)
`;

/** The API refused the call; `name` is its error code (as the SDK v3 clients name their errors). */
export class BotoCallError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/**
 * Calls `service`'s `operation` (boto3's snake_case name, e.g. `create_log_group`) with `parameters`
 * and returns the response without ResponseMetadata; timestamps come back as strings.
 */
export function botoCall(
  env: Readonly<Record<string, string>>,
  service: string,
  operation: string,
  parameters: Record<string, unknown> = {},
): Record<string, unknown> {
  const python = env['MOTO_PYTHON'] ?? process.env['MOTO_PYTHON'] ?? `${REPO_ROOT}.venv/bin/python`;
  const region = env['AWS_REGION'] ?? 'us-east-1';
  const run = spawnSync(python, ['-c', CALL], {
    input: JSON.stringify({ service, operation, parameters, region }),
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`boto3 ${service}.${operation} failed (status ${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { response?: Record<string, unknown>; error?: { Code: string; Message: string } };
  if (result.error) throw new BotoCallError(result.error.Code, `${service}.${operation}: ${result.error.Message}`);
  return result.response ?? {};
}
