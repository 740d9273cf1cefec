import type { Scenario } from '@sockscope/protocol';
import { SessionError } from '../errors.ts';
import { tcpEcho, udpEcho } from './echo.ts';
import { abortiveClose, backlogFull, connectionRefused, halfClose, tcpBoundaries, timeWait, writeAfterPeerClose, zeroWindow } from './tcp-faults.ts';
import { nagle, readWrite, reuseAddr, serialServer } from './lessons.ts';
import { udpBoundaries, udpClosedPort, udpOverflow } from './udp-faults.ts';

/** The scenarios every page and the CLI offer, in the order a course meets them. */
export const BUILT_IN_SCENARIOS: readonly Scenario[] = [
  tcpEcho, udpEcho, tcpBoundaries, udpBoundaries, timeWait, halfClose, serialServer, reuseAddr, readWrite, connectionRefused, udpClosedPort,
  abortiveClose, writeAfterPeerClose, backlogFull, nagle, zeroWindow, udpOverflow,
];

export function findScenario(name: string): Scenario | undefined {
  return BUILT_IN_SCENARIOS.find((scenario) => scenario.name === name);
}

/** The built-in scenario of that name; fails with `unknown-scenario`, naming the scenarios there are. */
export function builtInScenario(name: string): Scenario {
  const scenario = findScenario(name);
  if (!scenario) {
    throw new SessionError('unknown-scenario', `unknown scenario "${name}"; the scenarios are: ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  return scenario;
}
