export * from './account-link.entity.js';
export * from './api-token.entity.js';
export * from './role-assignment.entity.js';
export * from './session.entity.js';
export * from './user.entity.js';

import { AccountLink } from './account-link.entity.js';
import { ApiToken } from './api-token.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/** Registered with the connection by AccessModule (TypeOrmModule.forFeature). */
export const ACCESS_ENTITIES = [User, RoleAssignment, ApiToken, Session, AccountLink];
