#!/usr/bin/env node
// `npx elasticache-config-rules scan …` and `npm run scan -- …` from a checkout. It runs the
// TypeScript source through tsx (a devDependency), so what runs is always what is checked out;
// `npm run build` also writes the bundled dist/scan/cli.mjs for machines without the dev tools.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scan/cli.ts');
await run();
