// Tests that run the real server as a child process need dist/. It is built once here, before
// any test file runs, so parallel test files never compile into dist/ at the same time.
// tsc still emits when it finds type errors; those are `npm run check`'s to report, so a
// failing build only stops the run when nothing runnable came out of it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export default function globalSetup() {
  const root = path.resolve(import.meta.dirname, '../..');
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 180_000 });
  } catch (error) {
    if (!existsSync(path.join(root, 'dist/main.js'))) throw error;
    process.stderr.write('\nThe build reported errors (see above); tests run on what it emitted. Run `npm run check`.\n');
  }
}
