export { Session, type SessionOptions } from './session.ts';
export { SessionError } from './errors.ts';
export { BUILT_IN_SCENARIOS, findScenario } from './scenarios/index.ts';
export { findTcpdump, INSTALL_TCPDUMP } from './tcpdump.ts';
export { RemoteSession } from './held/remote-session.ts';
export { holdAvailability } from './held/availability.ts';
export { openSession, type EngineSession } from './open-session.ts';
export { SessionLog } from './session-log.ts';
