// Runs the command line with this process's arguments: the entry of bin/serviceframe.js and of
// the production build (dist/server/serviceframe.mjs, which `npm start` runs).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
