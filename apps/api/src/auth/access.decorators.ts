import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Permission as PermissionName } from '#access';

export const PUBLIC_ROUTE = 'access:public';
export const ROUTE_PERMISSION = 'access:permission';

/**
 * Reachable without signing in. Only health, docs and login should ever carry this. The empty
 * security requirement tells the OpenAPI document the same (see openapi-document.ts).
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity({}));

/**
 * What the caller must be allowed to do somewhere for this route to run at all. The resource's
 * policy then decides for the authority actually touched. Without it, any signed-in user passes
 * the route check, and the services still filter what they see to their authorities.
 */
export const Permission = (permission: PermissionName) => SetMetadata(ROUTE_PERMISSION, permission);

export const CSRF_IN_MULTIPART_BODY = 'access:csrf-in-multipart-body';
