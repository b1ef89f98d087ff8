import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../support/server-process.js';

/**
 * CI runs `npm test` alone, so the type check, the lint (which also keeps every domain/ folder
 * free of framework and I/O), the formatting check and the layer rules (.dependency-cruiser.cjs) run as part of it: a commit that breaks any of them cannot pass.
 */
describe('static checks', () => {
  test.each([
    ['types (npm run check)', 'check'],
    ['lint, zero warnings (npm run lint)', 'lint'],
    ['formatting (npm run format:check)', 'format:check'],
    ['layers and cycles (npm run lint:deps)', 'lint:deps'],
  ])(
    '%s',
    (_name, script) => {
      const result = spawnSync('npm', ['run', '--silent', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 240_000 });
      // The output is part of the expectation only on failure: it is what a developer needs to see.
      const output = `${result.stdout}${result.stderr}`.trim();
      expect({ status: result.status, output: result.status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
    },
    250_000,
  );
});
