export { createSockscopeServer, type SockscopeServer } from './http-server.ts';
export { SessionManager } from './session-manager.ts';
