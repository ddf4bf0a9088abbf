import type { CompetentAgency, Route, TriageReason } from '../model';
import type { TriageContext } from './triage-context';

/** What the deciding section recommends, with the reasons of the rules that fired in it. */
export interface RouteDecision {
  readonly route: Route;
  readonly competentAgency: CompetentAgency | null;
  readonly targetDays: number | null;
  readonly reasons: readonly TriageReason[];
}

/** A rule of sections 1 and 2: its reason when it applies, else null. */
export type ScreeningRule = (ctx: TriageContext) => TriageReason | null;

/**
 * Sections 1 and 2 list every rule that applies (the complainant should fix everything at once); the section
 * decides when at least one does. Neither route has a competent agency yet.
 */
export function screen(route: Route, rules: readonly ScreeningRule[], ctx: TriageContext): RouteDecision | null {
  let reasons: TriageReason[] | null = null;
  for (const rule of rules) {
    const fired = rule(ctx);
    if (fired !== null) (reasons ??= []).push(fired);
  }
  return reasons === null ? null : { route, competentAgency: null, targetDays: null, reasons };
}
