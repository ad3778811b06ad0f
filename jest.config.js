// Two projects: unit tests never touch the network; integration tests start the local
// AWS emulator (moto) and run the built bundles on Node 24.
const tsJest = [
  'ts-jest',
  { useESM: true, diagnostics: false },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      // Log lines and metric documents are kept for the tests to read, out of jest's output.
      setupFilesAfterEnv: ['<rootDir>/test/support/capture-output-setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      // Tests share one emulator per file; files run one at a time to stay within 2 cores.
      maxWorkers: 1,
    },
  ],
  collectCoverageFrom: ['shared/**/*.ts', 'functions/**/*.ts', 'scan/**/*.ts'],
  coverageThreshold: { global: { lines: 90, branches: 85 } },
};
