/**
 * The layers of src/ and who may import whom (docs/architecture.md draws them).
 * `npm run lint:deps` checks them; npm test runs it.
 */
module.exports = {
  forbidden: [
    {
      name: 'kernel-stands-alone',
      comment: 'kernel/ is the vocabulary every layer shares; it imports nothing else of ours.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'platform-knows-no-context',
      comment:
        'platform/ is the machinery (store, command runner, log follower, HTTP, auth, config…); contexts plug into it, never the reverse.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/platform/', '^src/kernel/'] },
    },
    {
      name: 'one-problem-mapping',
      comment:
        'Responses to failures are made in one place (platform/http/problem-mapping.ts). Everything else throws a Refusal (kernel/refusal.ts).',
      severity: 'error',
      from: { path: '^(src|test|bench)/', pathNot: ['^src/platform/http/', '[.](int-|e2e-)?spec[.]ts$'] },
      to: { path: '^src/platform/http/problem\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle means two files are one idea, or one of them is in the wrong place.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(node_modules|dist)/', '^bench/peers/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
