// The tests reuse the root project's fixtures (../security/*.ts), which import '../../src': here that is the packed
// library installed in node_modules, and every aws-cdk-lib import is this project's, so that there is one copy of it.
module.exports = {
  rootDir: __dirname,
  roots: ['<rootDir>'],
  testMatch: ['<rootDir>/*.test.ts'],
  testTimeout: 60_000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^(\\.\\./)+src$': '<rootDir>/node_modules/cdk-contact-center-resources',
    '^(\\.\\./)+src/(.*)$': '<rootDir>/node_modules/cdk-contact-center-resources/lib/$2',
    '^aws-cdk-lib(/.*)?$': '<rootDir>/node_modules/aws-cdk-lib$1',
    '^constructs$': '<rootDir>/node_modules/constructs',
  },
};
