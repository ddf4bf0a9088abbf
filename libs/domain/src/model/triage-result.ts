import type { CompetentAgency, Flag, Route } from './enums';

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface TriageReason {
  ruleId: string;
  legalBasis: string;
  message: LocalizedText;
}

/** contract.md `TriageResult`. */
export interface TriageResult {
  recommendedRoute: Route;
  competentAgency: CompetentAgency | null;
  flags: Flag[];
  priority: number;
  targetDays: number | null;
  reasons: TriageReason[];
  ruleSetVersion: string;
}
