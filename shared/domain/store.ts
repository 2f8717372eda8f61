import type { Activity } from './activity.ts';
import type { City, Kecamatan } from './city.ts';
import type { Contribution } from './contributions.ts';
import type { Fund } from './funds.ts';
import type { AccountName, LedgerEntry } from './ledger.ts';
import type { Rupiah } from './money.ts';
import type { Organisation } from './organisations.ts';
import type { Pledge } from './pledges.ts';
import type { PolicySettings } from './settings.ts';

export interface OrganisationWithPledges extends Organisation {
  /** Sum of the organisation's pledges, kept with the organisation. */
  readonly pledged: Rupiah;
}

export interface AccountBalance {
  readonly account: AccountName;
  /** Balance on the account's normal side; never negative. */
  readonly balance: Rupiah;
}

/**
 * The port the domain needs from storage. The DynamoDB adapter implements it; every write that
 * must be atomic is one method here, so the domain never sees keys, conditions or transactions.
 */
export interface TerangStore {
  putCity(city: City, kecamatan: readonly Kecamatan[]): Promise<void>;
  getCity(): Promise<City | undefined>;
  listKecamatan(): Promise<Kecamatan[]>;

  putOrganisation(organisation: Organisation): Promise<void>;
  getOrganisation(id: string): Promise<OrganisationWithPledges | undefined>;
  listOrganisations(): Promise<OrganisationWithPledges[]>;

  /** Stores the pledge and adds its amount to the organisation's pledged total, atomically. */
  putPledge(pledge: Pledge): Promise<void>;
  getPledge(id: string): Promise<Pledge | undefined>;

  /** Stores a declared contribution; 409 when the organisation already used the transfer reference. */
  putContribution(contribution: Contribution): Promise<void>;
  getContribution(id: string): Promise<Contribution | undefined>;
  /**
   * One transaction: the contribution turns confirmed (only from declared), the ledger entry is
   * written once, and every posted account balance moves (never below zero).
   */
  confirmContribution(confirmed: Contribution, entry: LedgerEntry): Promise<void>;

  /** Aggregate accounts only (funds, contributors, clearing, kecamatan, expenses), not per-household payables. */
  listAccountBalances(): Promise<AccountBalance[]>;
  /** One account's balance and version (how many postings moved it); zero and 0 when never posted. */
  getAccountBalance(account: AccountName): Promise<{ balance: Rupiah; version: number }>;

  /** The admin's policy settings, or the defaults when none were saved. */
  getSettings(): Promise<PolicySettings>;
  /**
   * Saves the whole settings record with its activity item, in one transaction, only while the
   * stored record is still the one read (`previousUpdatedAt`, undefined when never saved); false
   * when another admin saved in between (nothing written).
   */
  putSettings(settings: PolicySettings, previousUpdatedAt: string | undefined, activity: Activity): Promise<boolean>;

  /**
   * Per contributor: the OrganisationStats counters and the kecamatan and amount of every
   * reachedHousehold item. One query per organisation (its stats and reached items sit in its own
   * partition), run in parallel: fine at city scale (tens of contributors).
   */
  listOrganisationOutcomes(orgIds: readonly string[]): Promise<OrganisationOutcomeRecord[]>;
  /** Every kecamatan+fund stats item (money reserved and not yet paid): one query of one partition. */
  listKecamatanFundStats(): Promise<KecamatanFundStat[]>;
}

/** Rupiah attributed to one contributor (see keys.organisationStats); absent counters read as 0. */
export interface OrganisationStats {
  readonly disbursed: Rupiah;
  readonly programme: Rupiah;
  readonly ceremonial: Rupiah;
  readonly reachedHouseholds: number;
}

export interface OrganisationOutcomeRecord {
  readonly orgId: string;
  readonly stats: OrganisationStats;
  /** One per reachedHousehold item (the household itself is left out: the public never needs it). */
  readonly reached: readonly { readonly kecamatan: string; readonly amount: Rupiah }[];
}

export interface KecamatanFundStat {
  readonly kecamatan: string;
  readonly fund: Fund;
  /** Reserved for households of the kecamatan from this fund and not yet paid. */
  readonly payable: Rupiah;
}
