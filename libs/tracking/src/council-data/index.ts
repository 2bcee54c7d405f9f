export * from './council-archive.js';
export * from './council-data.registry.js';
export * from './council-data.service.js';
