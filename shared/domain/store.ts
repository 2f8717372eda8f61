import type { City, Kecamatan } from './city.ts';
import type { Contribution } from './contributions.ts';
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
}
