#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so no build step stands between install and use.
// tsx is pointed at the shared compiler options (no `include`, so they cover every file): the page's
// components that the SVG export draws with then compile with React's JSX runtime, whatever the
// directory the command runs from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url)) });
await import('../src/cli.ts');
