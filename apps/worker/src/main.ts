import 'reflect-metadata';
import { createWorkerApp } from './create-worker-app.js';

await createWorkerApp();
