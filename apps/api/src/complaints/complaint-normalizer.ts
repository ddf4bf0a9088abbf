import type { CaseWarning } from '@lyg/database';
import {
  checkPatentNumber,
  checkTrademarkNumber,
  checkUscc,
  isPatentType,
  normalizePartyName,
  type ComplaintInput,
} from '@lyg/domain';
import type { ComplaintInputDto } from './complaint-input.dto';

const canonicalUscc = (v: string | null | undefined): string | null => {
  if (!v) return null;
  const r = checkUscc(v);
  return r.ok ? r.value : v;
};

/**
 * The stored form of a validated complaint: every optional field present (null when not given), identifiers in
 * canonical form (patents as `ZL202310586421.6`), plus warnings the filer should see but that do not block.
 */
export function normalizeComplaint(dto: ComplaintInputDto): { complaint: ComplaintInput; warnings: CaseWarning[] } {
  const warnings: CaseWarning[] = [];
  const usccWarning = (field: string, v: string | null | undefined) => {
    if (!v) return;
    const r = checkUscc(v);
    // GB 32100-2015 check character: early pilot codes fail it yet are valid, so this is a warning only.
    if (r.ok && !r.checkCharacterValid) warnings.push({ field, code: 'uscc_check_character' });
  };
  usccWarning('complainant.uscc', dto.complainant.uscc);
  usccWarning('respondent.uscc', dto.respondent.uscc);
  const c = dto.complainant;
  const r = dto.respondent;
  const i = dto.infringement;
  const complaint: ComplaintInput = {
    language: dto.language ?? 'zh-CN',
    complainant: {
      name: c.name.trim(),
      uscc: canonicalUscc(c.uscc),
      country: c.country,
      size: c.size,
      regionCode: c.regionCode ?? null,
      contactName: c.contactName.trim(),
      contactEmail: c.contactEmail.trim(),
      contactPhone: c.contactPhone ?? null,
    },
    respondent: {
      name: r.name.trim(),
      uscc: canonicalUscc(r.uscc),
      country: r.country,
      regionCode: r.regionCode ?? null,
      address: r.address ?? null,
      onlineStoreUrl: r.onlineStoreUrl ?? null,
      platform: r.platform ?? null,
      contactEmail: r.contactEmail ?? null,
    },
    ipRights: dto.ipRights.map((right) => {
      let number = right.number ?? null;
      if (number !== null && number !== '') {
        if (isPatentType(right.type)) {
          const p = checkPatentNumber(number, right.type);
          if (p.ok) number = p.value;
        } else if (right.type === 'trademark') {
          const t = checkTrademarkNumber(number);
          if (t.ok) number = t.value;
        } else number = number.trim();
      } else number = null;
      return {
        type: right.type,
        number,
        title: right.title.trim(),
        holder: right.holder.trim(),
        validUntil: right.validUntil ?? null,
        niceClasses: right.type === 'trademark' && right.niceClasses ? [...right.niceClasses].sort((a, b) => a - b) : null,
      };
    }),
    infringement: {
      conducts: i.conducts,
      channel: i.channel,
      industry: i.industry,
      regionCode: i.regionCode ?? null,
      firstKnownAt: i.firstKnownAt,
      description: i.description,
      estimatedTurnoverCny: i.estimatedTurnoverCny ?? null,
      estimatedGainsCny: i.estimatedGainsCny ?? null,
      estimatedLossCny: i.estimatedLossCny ?? null,
      priorWarningSent: i.priorWarningSent ?? false,
      urls: i.urls ?? [],
    },
    requestedRemedies: dto.requestedRemedies,
  };
  return { complaint, warnings };
}

/** Keys for matching the same party across cases (triage N4 and repeat infringers): USCC, else normalised name. */
export function partyKeys(p: { uscc: string | null; name: string }): { key: string; nameKey: string } {
  const nameKey = normalizePartyName(p.name);
  return { key: p.uscc ? `uscc:${p.uscc}` : `name:${nameKey}`, nameKey };
}
