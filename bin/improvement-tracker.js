#!/usr/bin/env node
import { runAsProcess } from '../dist/apps/cli/src/main.js';

await runAsProcess(process.argv);
