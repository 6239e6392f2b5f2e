/**
 * Layer rules for src/, checked by `npm run lint`: no import cycles (type-only imports count), the product
 * in src/services/ knows nothing of the Discord, command or command-line layers, and only the store module
 * talks to Keyv or a database client.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules of src/ must not import each other in a circle, not even for types.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'services-stay-below-the-interfaces',
      severity: 'error',
      comment: 'src/services/ is the product: it must not depend on the slash commands, Discord or the CLI.',
      from: { path: '^src/services/' },
      to: { path: '^src/(commands|discord|cli)/' },
    },
    {
      name: 'storage-only-in-the-store',
      severity: 'error',
      comment: 'Keyv and the database clients are reached only through src/services/store/.',
      from: { path: '^src/', pathNot: '^src/services/store/' },
      to: { path: '^node_modules/(keyv|@keyv/[^/]+|pg|pg-[^/]+|redis|@redis/[^/]+|ioredis|sqlite3)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would hide a dependency from the rules above.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
