// Where a new complaint's complainant can be filled in from: the complainants of the organisation's earlier
// complaints (an agent's clients among them), and the organisation's own record (name, USCC, region) with the signed-in
// user as the contact. A complaint starts from the one the organisation most likely files for (itself), so that an
// enterprise types its own details once; an agent, whose earlier complaints are its clients', picks one.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Profile } from '../../api/types';
import { emptyDraft, fromComplaintInput, type ComplaintDraft } from '../../lib/complaint-form';

export type ComplainantDraft = ComplaintDraft['complainant'];

export interface ComplainantSource {
  key: string;
  /** `earlier`: a complainant of an earlier complaint; `organization`: the organisation's record. */
  from: 'earlier' | 'organization';
  complainant: ComplainantDraft;
}

export interface ComplainantSources {
  options: ComplainantSource[];
  /** What a new complaint starts with, if anything: the organisation itself, as it last filed or as it is on record. */
  start: ComplainantSource | null;
}

/** Nothing typed yet (the defaults of an empty form aside). */
export function blankComplainant(c: ComplainantDraft): boolean {
  return [c.name, c.uscc, c.regionCode, c.contactName, c.contactEmail, c.contactPhone].every((v) => v.trim() === '');
}

/** The sources, from the caller's profile and the complaints of its organisation (newest first). */
export function complainantSources(profile: Profile, earlier: ComplainantDraft[]): ComplainantSources {
  const org = profile.organization;
  const options: ComplainantSource[] = [];
  const seen = new Set<string>();
  for (const c of earlier) {
    const key = c.uscc.trim() || `name:${c.name.trim()}`;
    if (seen.has(key) || c.name.trim() === '') continue;
    seen.add(key);
    options.push({ key, from: 'earlier', complainant: c });
  }
  // The organisation's own earlier filing: by its USCC, or by its name where it has none (a company abroad).
  const own = org ? options.find((o) => o.key === (org.uscc ?? `name:${org.name.trim()}`)) : undefined;
  let record: ComplainantSource | null = null;
  if (org && org.kind === 'enterprise') {
    record = {
      key: `org:${org.id}`,
      from: 'organization',
      complainant: {
        ...emptyDraft().complainant,
        name: org.name,
        uscc: org.uscc ?? '',
        // An organisation on record with neither a USCC nor a region is not assumed to be in China: its country is asked.
        country: org.uscc || org.regionCode ? 'CN' : '',
        regionCode: org.regionCode ?? '',
        contactName: profile.displayName,
        contactEmail: profile.email,
      },
    };
    if (!own) options.push(record);
  }
  // Its own earlier filing first (it carries size, phone and contact as last given); its record when it has filed
  // nothing yet; nothing when all it filed was for others (an agent): the user picks.
  const start = own ?? (earlier.length === 0 ? record : null);
  return { options, start };
}

/** Loads the sources once; null until they are known (or when they cannot be: the form then simply starts empty). */
export function useComplainantSources(): ComplainantSources | null {
  const [sources, setSources] = useState<ComplainantSources | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([api.me(), api.listCases({ sort: 'recent', limit: 50 })])
      .then(([profile, page]) => {
        // Complaints filed: not drafts, nor drafts discarded before they were ever submitted (no case number).
        const earlier = page.items.filter((c) => c.caseNumber !== null).map((c) => fromComplaintInput(c.complaint).complainant);
        if (live) setSources(complainantSources(profile, earlier));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return sources;
}
