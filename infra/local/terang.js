#!/usr/bin/env node
// `npx terang …`: runs the TypeScript CLI through tsx with the project's own Node 24.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
