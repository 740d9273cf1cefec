import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the page from Vite; the WebSocket (WS_PATH in @sockscope/protocol) is
// answered by a running sockscope server, so Vite forwards it there.
const sockscopeServer = process.env.SOCKSCOPE_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/ws': { target: sockscopeServer, ws: true } } },
});
