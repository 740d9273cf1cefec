#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so no build step stands between install and use.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
