import { fileURLToPath } from 'node:url';

/**
 * Test-only: the folder of real captures from tcpdump's test suite, inside the repository so a
 * fresh clone's tests need nothing beside it (provenance and licence in its README).
 */
export const TEST_CAPTURES = fileURLToPath(new URL('../test-captures/', import.meta.url));
