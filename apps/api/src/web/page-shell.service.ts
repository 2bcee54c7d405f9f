import { Injectable } from '@nestjs/common';
import { AccessErrorCode, AccessException, holdsPermissionIn, holdsPermissionSomewhere, type Permission } from '#access';
import { AppConfig } from '#config';
import { AuthoritiesService } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import type { RequestContext } from '#core';

export type Section = 'dashboard' | 'actions' | 'review' | 'upload' | 'admin' | 'account' | 'work';

/** The administration pages, in the order their sub-navigation lists them. */
export type AdminPage = 'teams' | 'users' | 'contacts' | 'data';

export interface AuthorityChoice {
  code: string;
  name: string;
}

export interface NavigationItem {
  text: string;
  href: string;
  current: boolean;
}

/** What every signed-in page's layout shows: who is signed in, where they are, where they can go. */
export interface Layout {
  user: { name: string };
  csrfToken: string;
  authority: AuthorityChoice | null;
  navigation: NavigationItem[];
  timeZone: string;
}

@Injectable()
export class PageShell {
  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly config: AppConfig,
  ) {}

  /** The authorities the caller may see, by name. */
  authoritiesOf(context: RequestContext): Promise<AuthorityChoice[]> {
    return this.authorities.visible(context);
  }

  /** One authority the caller may see; another's is "not found", as in the API. */
  authority(context: RequestContext, code: string): Promise<AuthorityChoice> {
    return this.authorities.find(context, code);
  }

  /** One authority the caller may see, or null when it has no data here yet (a first report is on its way). */
  knownAuthority(context: RequestContext, code: string): Promise<AuthorityChoice | null> {
    return this.authorities.known(context, code);
  }

  /** The authority a page is about: the one asked for, else the caller's only one. */
  async authorityFor(context: RequestContext, requested: string | undefined): Promise<AuthorityChoice | null> {
    if (requested) return this.authority(context, requested);
    const choices = await this.authoritiesOf(context);
    return choices.length === 1 ? choices[0] : null;
  }

  /**
   * An authority whose set-up pages the caller opened: another council's is not found, and one they
   * may see but not administer is refused with the reason.
   */
  async administered(context: RequestContext, code: string, permission: Extract<Permission, 'team.manage' | 'council.administer'>): Promise<AuthorityChoice> {
    const authority = await this.authority(context, code);
    if (!holdsPermissionIn(context, code, permission)) {
      const who = permission === 'team.manage' ? 'a board member or council admin' : 'a council admin';
      throw new AccessException(AccessErrorCode.FORBIDDEN, `Only ${who} of ${authority.name} may use this page`);
    }
    return authority;
  }

  /** The set-up pages the caller may use for this authority, for the links above each of them. */
  adminNavigation(context: RequestContext, authority: AuthorityChoice, current: AdminPage): NavigationItem[] {
    const base = `/authorities/${encodeURIComponent(authority.code)}`;
    const items: NavigationItem[] = [];
    if (holdsPermissionIn(context, authority.code, 'team.manage')) items.push({ text: 'Teams', href: `${base}/teams`, current: current === 'teams' });
    if (holdsPermissionIn(context, authority.code, 'council.administer')) {
      items.push({ text: 'People', href: `${base}/users`, current: current === 'users' });
      items.push({ text: 'Reminder contacts', href: `${base}/contacts`, current: current === 'contacts' });
    }
    if (holdsPermissionIn(context, authority.code, 'deployment.operate')) items.push({ text: 'Council data', href: `${base}/data`, current: current === 'data' });
    return items;
  }

  layout(request: AuthenticatedRequest, section: Section, authority: AuthorityChoice | null): Layout {
    const caller = request.caller!;
    const context = caller.context;
    const scoped = (path: string) => (authority ? `${path}${path.includes('?') ? '&' : '?'}authority=${encodeURIComponent(authority.code)}` : path);
    const may = (permission: 'action.review' | 'report.ingest') =>
      authority ? holdsPermissionIn(context, authority.code, permission) : holdsPermissionSomewhere(context, permission);
    const navigation: NavigationItem[] = [
      ...((context.roles ?? []).some((grant) => grant.role === 'team_member') ? [{ text: 'Your team’s work', href: '/my-work', current: section === 'work' }] : []),
      { text: 'Dashboard', href: authority ? `/authorities/${encodeURIComponent(authority.code)}` : '/', current: section === 'dashboard' },
      { text: 'Actions', href: scoped('/actions'), current: section === 'actions' },
    ];
    if (may('action.review')) navigation.push({ text: 'Chair review', href: scoped('/review'), current: section === 'review' });
    if (may('report.ingest')) navigation.push({ text: 'Upload a report', href: scoped('/reports/new'), current: section === 'upload' });
    if (authority && holdsPermissionIn(context, authority.code, 'team.manage')) {
      navigation.push({ text: 'Set up', href: `/authorities/${encodeURIComponent(authority.code)}/teams`, current: section === 'admin' });
    }
    navigation.push({ text: 'Your account', href: '/account', current: section === 'account' });
    return { user: { name: caller.user.displayName }, csrfToken: caller.csrfSecret ?? '', authority, navigation, timeZone: this.config.TZ_NAME };
  }
}
