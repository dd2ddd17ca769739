#!/usr/bin/env node
// The package bin. The sources are TypeScript run through tsx, so `npx serviceframe` works
// straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
