import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '#config';

/** What the browser carries between leaving for the provider and coming back: proof the answer is for this sign-in. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

export interface SignedInIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

/**
 * The council's OpenID Connect provider, through openid-client: the authorisation code flow with
 * PKCE (S256), state and nonce. The provider's metadata is discovered on first use and kept.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER && this.config.OIDC_CLIENT_ID && this.config.OIDC_CLIENT_SECRET);
  }

  get buttonLabel(): string {
    return this.config.OIDC_BUTTON_LABEL;
  }

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL.replace(/(?<!\/)\/+$/, '')}/sign-in/oidc/callback`;
  }

  async start(next: string): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.discover();
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code the provider sent back; throws when state, nonce, PKCE or the ID token do not check out. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedInIdentity> {
    const configuration = await this.discover();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    // Many providers put the email in the ID token; the others give it at the userinfo endpoint.
    const source: Record<string, unknown> = typeof claims.email === 'string' ? claims : await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    return { subject: claims.sub, email: typeof source.email === 'string' ? source.email : undefined, emailVerified: source.email_verified === true };
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(this.config.OIDC_ISSUER!),
        this.config.OIDC_CLIENT_ID!,
        this.config.OIDC_CLIENT_SECRET!,
        undefined,
        // Plain http only for a provider on this machine (development and the tests).
        new URL(this.config.OIDC_ISSUER!).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = null;
        this.logger.error({ message: 'OpenID provider discovery failed', issuer: this.config.OIDC_ISSUER, reason: error instanceof Error ? error.message : String(error) });
        throw error;
      });
    return this.configuration;
  }
}
