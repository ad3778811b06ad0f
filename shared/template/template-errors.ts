/**
 * Why a file handed to `scan --template` (or to the hook) could not be read as a template or plan.
 * The message names the file and, for a syntax error, the line.
 */
export class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
  }
}
