/**
 * Writes the files generated from the control catalog. Run after changing a control; the test
 * suite fails while a committed file differs from what this would write.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../infra/generated-files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

for (const [path, text] of Object.entries(generatedFiles())) {
  await writeFile(`${root}${path}`, text);
  console.log(`wrote ${path}`);
}
