// web-test-runner runs tests/browser with mocha's globals; @types/mocha is not installed, so the
// few globals these tests use are declared here.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;
