import { fileURLToPath } from 'node:url';

/**
 * Test-only: the folder of real captures from the test suites of tcpdump, Zeek and joincap,
 * inside the repository so a fresh clone's tests need nothing beside it (provenance and
 * licences in its README).
 */
export const TEST_CAPTURES = fileURLToPath(new URL('../test-captures/', import.meta.url));
