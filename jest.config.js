// Three layers of tests (docs/architecture.md, "Tests"): unit/small beside the code, medium and e2e under test/.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// aedes 1.x and NestJS 12 ship only ES modules; jest on Node 20 cannot require() them, so jest compiles them to CommonJS.
const esmOnly = ['aedes', '@nestjs'];
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false, jsc: { ...swc.jsc, baseUrl: __dirname } }],
  [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
    '@swc/jest',
    { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'ecmascript', importAttributes: true } } },
  ],
};
const moduleNameMapper = {
  '^@opiekun/domain$': '<rootDir>/libs/domain/src',
  '^@opiekun/vda5050$': '<rootDir>/libs/vda5050/src',
  '^@opiekun/application$': '<rootDir>/libs/application/src',
  '^@opiekun/robot-sim$': '<rootDir>/robot-sim/src',
};
const common = {
  rootDir: __dirname,
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps/api,robot-sim,bench}/**/*.spec.ts'] },
    { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'] },
    // Benchmarks that need a browser: run by `npm run bench:dashboard`, not by `npm test` (figures, not pass/fail).
    { ...common, displayName: 'bench', testMatch: ['<rootDir>/test/bench/**/*.bench.ts'] },
  ],
};
