// Layer boundaries (docs/architecture.md): dependencies point down only, and no cycles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { path: '^(apps|libs/(application|vda5050)|robot-sim)|node_modules/(@nestjs|typeorm|mqtt|socket\\.io|aedes|better-sqlite3)' },
    },
    {
      name: 'application-uses-ports',
      severity: 'error',
      from: { path: '^libs/application' },
      to: { path: '^(apps|libs/vda5050|robot-sim)|node_modules/(@nestjs|typeorm|mqtt|socket\\.io|aedes|better-sqlite3)' },
    },
    { name: 'protocol-stands-alone', severity: 'error', from: { path: '^libs/vda5050' }, to: { path: '^(apps|libs/(domain|application)|robot-sim)' } },
    { name: 'robot-knows-only-protocol', severity: 'error', from: { path: '^robot-sim' }, to: { path: '^(apps|libs/(domain|application))' } },
    { name: 'libs-do-not-import-apps', severity: 'error', from: { path: '^libs' }, to: { path: '^apps' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist|\\.spec\\.ts$|^apps/dashboard)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
