/**
 * The one shape test every reader of a template or a hook request needs. Kept apart from the YAML
 * parser so that the CloudFormation hook, which gets properties already parsed, bundles no parser.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
