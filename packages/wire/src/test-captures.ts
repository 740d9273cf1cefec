import { fileURLToPath } from 'node:url';

/**
 * Test-only: the folder of real captures from the test suites of tcpdump, Zeek and joincap,
 * inside the repository so a fresh clone's tests need nothing beside it (provenance and
 * licences in its README).
 */
export const TEST_CAPTURES = fileURLToPath(new URL('../test-captures/', import.meta.url));

/**
 * Test-only: how hard the fuzz tests try. `npm test` runs a bounded, seeded run (the same inputs
 * every time, so a failure reproduces); `npm run fuzz` sets FUZZ_RUNS to a million, and
 * FUZZ_SEED replays another run. fast-check prints the seed and path of any counterexample.
 */
export const FUZZ = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  seed: Number(process.env.FUZZ_SEED ?? 20261203),
};
