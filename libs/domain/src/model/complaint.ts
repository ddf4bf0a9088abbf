import type {
  Channel,
  CompanySize,
  Conduct,
  IpRightType,
  Industry,
  Language,
  Remedy,
} from './enums';

export interface Complainant {
  name: string;
  uscc: string | null;
  country: string;
  size: CompanySize;
  regionCode: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
}

export interface Respondent {
  name: string;
  uscc: string | null;
  country: string;
  regionCode: string | null;
  address: string | null;
  onlineStoreUrl: string | null;
  platform: string | null;
  contactEmail: string | null;
}

export interface IpRight {
  type: IpRightType;
  /** Canonical form after validation (patents as `ZL202310586421.6`). Null only where the type allows it. */
  number: string | null;
  title: string;
  holder: string;
  validUntil: string | null;
  niceClasses: number[] | null;
}

export interface Infringement {
  conducts: Conduct[];
  channel: Channel;
  industry: Industry;
  regionCode: string | null;
  /** YYYY-MM-DD */
  firstKnownAt: string;
  description: string;
  estimatedTurnoverCny: number | null;
  estimatedGainsCny: number | null;
  estimatedLossCny: number | null;
  priorWarningSent: boolean;
  urls: string[];
}

/** The complaint as filed (contract.md `ComplaintInput`). */
export interface ComplaintInput {
  language: Language;
  complainant: Complainant;
  respondent: Respondent;
  ipRights: IpRight[];
  infringement: Infringement;
  requestedRemedies: Remedy[];
}

/**
 * The largest amount in CNY a complaint may state (turnover, gains, loss): 10^15 yuan, above any real case and
 * within the integers a JSON number carries exactly (a larger one would arrive rounded).
 */
export const AMOUNT_MAX_CNY = 1_000_000_000_000_000;
