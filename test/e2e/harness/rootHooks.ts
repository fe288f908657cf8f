// In CI a pending or skipped real-editor scenario is a failure, not a pass: the suite exists to
// prove the extension works in real editors, and a skip proves nothing.
import type { Suite, Test } from 'mocha';

function pendingTests(suite: Suite): Test[] {
  return [...suite.tests.filter((test) => test.isPending()), ...suite.suites.flatMap(pendingTests)];
}

export const mochaHooks = {
  afterAll(this: Mocha.Context): void {
    const root = this.test?.parent;
    if (!root || !process.env.CI || process.env.CI === 'false') return;
    const pending = pendingTests(root);
    if (pending.length > 0) {
      throw new Error(`CI=${process.env.CI}: ${pending.length} e2e scenario(s) did not run, which fails the suite:\n${pending.map((test) => `  - ${test.fullTitle()}`).join('\n')}`);
    }
  },
};
