export { Session, type SessionOptions } from './session.ts';
export { SessionError } from './errors.ts';
export { BUILT_IN_SCENARIOS, builtInScenario, findScenario } from './scenarios/index.ts';
export { findTcpdump, INSTALL_TCPDUMP } from './tcpdump.ts';
export { RemoteSession } from './held/remote-session.ts';
export { holdAvailability } from './held/availability.ts';
export { assertCanStep, runToEnd, stepRefusal, type EngineSession } from './engine-session.ts';
export { openSession } from './open-session.ts';
export { SessionLog } from './session-log.ts';
