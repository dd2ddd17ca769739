// Browser tests (tests/browser) in Debian's Chromium, TypeScript through esbuild.
// Run: npm run test:browser
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { cjsInterop } from './tests/browser/cjs-interop-plugin.mjs';

export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    cjsInterop([
      'ajv/dist/2020.js',
      'ajv-formats',
      'ajv-formats/dist/formats.js',
      'validator',
      'stdnum/lib/cjs/cn/uscc.js',
    ]),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--headless=new',
        ],
      },
    }),
  ],
  // Lit's one-line dev-mode notice in every file hides the logs that matter.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
};
