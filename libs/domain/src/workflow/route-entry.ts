import { ACCEPTABLE_ROUTES, type AcceptableRoute, type CompetentAgency, type Route } from '../model';
import type { CaseTriage } from './case-context';
import type { CaseEvent } from './case-events';

export const isAcceptableRoute = (value: unknown): value is AcceptableRoute =>
  typeof value === 'string' && (ACCEPTABLE_ROUTES as readonly string[]).includes(value);

const recommendedAcceptableRoute = (triage: CaseTriage | null): AcceptableRoute | null =>
  triage !== null && isAcceptableRoute(triage.recommendedRoute) ? triage.recommendedRoute : null;

/** The route an accepting, escalating or failing-mediation event sends the case to (null: none given). */
export const requestedRoute = (triage: CaseTriage | null, event: CaseEvent): AcceptableRoute | null => {
  switch (event.type) {
    case 'accept':
      return event.route === undefined ? recommendedAcceptableRoute(triage) : event.route;
    case 'escalate':
      return event.route;
    case 'mediation_failed':
      return event.nextRoute;
    default:
      return null;
  }
};

/** Whether an examiner departs from triage's recommendation, which must be explained (equal protection: 同保护). */
export const overridesTriage = (triage: CaseTriage | null, route: Route): boolean =>
  triage === null || triage.recommendedRoute !== route;

export const ENFORCEMENT_AGENCIES: readonly CompetentAgency[] = ['market_regulation', 'copyright_bureau', 'agriculture_bureau'];

/**
 * The body that handles the case on a route. For enforcement it is T6's bureau for the complaint's rights (copyright,
 * agriculture or market regulation), whichever road led there: triage named it when it recommended enforcement, and
 * keeps it for the other roads (`enforcementAgency`). Cases triaged before that was kept go to the market-regulation
 * bureau, which is also the city's IP office (市场监督管理局(知识产权局)).
 */
export const competentAgencyFor = (route: AcceptableRoute, triage: CaseTriage | null): CompetentAgency => {
  switch (route) {
    case 'fast_track':
      return 'protection_center';
    case 'mediation':
      return 'mediation_committee';
    case 'police_transfer_review':
      return 'police';
    case 'customs_referral':
      return 'customs';
    case 'court_referral':
      return 'court';
    case 'administrative_enforcement':
      if (triage?.competentAgency != null && ENFORCEMENT_AGENCIES.includes(triage.competentAgency)) return triage.competentAgency;
      return triage?.enforcementAgency ?? 'market_regulation';
  }
};

/** The routes a bureau works: its enforcement, and the police transfers proposed from it. */
export const BUREAU_ROUTES: readonly Route[] = ['administrative_enforcement', 'police_transfer_review'];

/**
 * The enforcement bureau whose officers and head work a case (contract.md, "Visibility": officers see the cases of
 * their routes, and a copyright case is not the market-regulation bureau's): on a bureau's route, the case's competent
 * agency when it is one of the three bureaus, else the bureau enforcement went or would go to (a police transfer is
 * followed up by that bureau). Null off those routes, or when no bureau is known (a case triaged before it was kept).
 */
export function enforcementBureauOf(c: {
  route: Route | null;
  competentAgency: CompetentAgency | null;
  triage?: { competentAgency?: CompetentAgency | null; enforcementAgency?: CompetentAgency } | null;
}): CompetentAgency | null {
  if (c.route === null || !BUREAU_ROUTES.includes(c.route)) return null;
  for (const a of [c.competentAgency, c.triage?.enforcementAgency, c.triage?.competentAgency]) {
    if (a != null && ENFORCEMENT_AGENCIES.includes(a)) return a;
  }
  return null;
}
