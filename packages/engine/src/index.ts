export { Session, type SessionOptions } from './session.ts';
export { SessionError } from './errors.ts';
export { BUILT_IN_SCENARIOS, findScenario } from './scenarios/index.ts';
export { findTcpdump, INSTALL_TCPDUMP } from './tcpdump.ts';
