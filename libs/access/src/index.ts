export * from './access-seed.service.js';
export * from './access.module.js';
export * from './access.service.js';
export * from './entities/index.js';
export * from './first-admin.js';
export * from './permissions.js';
export * from './policies/index.js';
export * from './roles.js';
export { generatePassword } from './secrets.js';
