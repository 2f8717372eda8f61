import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

import { roles } from '../../shared/domain/caller.ts';

/** Appears in ID tokens as `custom:orgId`: the organisation a company or BAZNAS user acts for. */
export const orgIdAttribute = 'orgId';

/**
 * Staff sign-in for Terang. Nobody signs themselves up: admins invite officers, treasurers and
 * partner users, and the Cognito groups carry their roles into the token.
 */
export class UserDirectory extends Construct {
  public readonly userPool: UserPool;
  public readonly webClient: UserPoolClient;

  public constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Mutable so an admin can move a user between organisations; the app client cannot write it.
        [orgIdAttribute]: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      // TOTP only: SMS and email codes need SNS/SES setup and are the weaker factors anyway.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection: blocks compromised credentials and risky sign-ins to
      // accounts that move zakat and CSR money.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Terang ${role} role`,
      });
    }

    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // The SPA talks to Cognito directly; no hosted UI, so no OAuth callback URLs to maintain.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(orgIdAttribute),
      // orgId is deliberately absent: a user must not be able to move themselves into another organisation.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }
}
