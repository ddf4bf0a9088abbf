// Section 1, route return_for_correction: formally valid JSON can still be substantively incomplete.
import type { TriageReason } from '../model';
import { hasAny } from './membership';
import { canonicalUscc } from './party-key';
import { reason } from './reason-text';
import { screen } from './route-decision';
import type { RouteDecision, ScreeningRule } from './route-decision';
import type { TriageContext } from './triage-context';

// C1: only the right holder or an interested party may ask for the infringement to be handled.
const c1NoProofOfOwnership: ScreeningRule = ({ input, rules }) =>
  hasAny(input.evidenceKinds, rules.ownershipEvidence)
    ? null
    : reason(
        'C1',
        '《专利法》第65条、《商标法》第60条（由权利人或者利害关系人请求处理）',
        '未提交权属证明（专利证书、商标注册证、著作权登记证书等），无法确认投诉人是权利人或利害关系人。',
        'No proof of ownership (patent certificate, trademark registration, copyright registration…) was submitted, so the complainant cannot be shown to be the right holder or an interested party.',
      );

// C2: a request needs concrete facts of infringement, not only an allegation.
const c2NoInfringementEvidence: ScreeningRule = ({ input, rules }) =>
  hasAny(input.evidenceKinds, rules.infringementEvidence)
    ? null
    : reason(
        'C2',
        '《民事诉讼法》第122条第3项（有具体的请求和事实、理由）',
        '未提交侵权证据（侵权证据、购买凭证、网页截图或公证书），无法初步认定侵权事实。',
        'No evidence of the infringement (infringement evidence, purchase record, screenshot or notarial certificate) was submitted, so the facts cannot be examined.',
      );

// C3: whoever acts for another needs a written authorisation (委托代理).
const c3AgentWithoutAuthorization: ScreeningRule = ({ input, complaint, rules }): TriageReason | null => {
  const complainantUscc = canonicalUscc(complaint.complainant.uscc);
  const filerUscc = canonicalUscc(input.filingOrganization.uscc);
  if (complainantUscc !== null && complainantUscc === filerUscc) return null;
  if (hasAny(input.evidenceKinds, rules.authorizationEvidence)) return null;
  const basis = '《民法典》第161条、第165条（委托代理应有授权委托书）';
  return complainantUscc === null
    ? reason(
        'C3',
        basis,
        '投诉人没有统一社会信用代码，无法核实提交人即为投诉人，且未提交授权委托书。',
        'The complainant has no unified social credit code, so the filer cannot be verified as the complainant, and no letter of authorization was submitted.',
      )
    : reason(
        'C3',
        basis,
        `投诉人（统一社会信用代码 ${complainantUscc}）与提交单位（${filerUscc ?? '无统一社会信用代码'}）不一致，属代理提交，但未提交授权委托书。`,
        `The complainant (USCC ${complainantUscc}) is not the filing organisation (${filerUscc === null ? 'no USCC' : `USCC ${filerUscc}`}): an agent files, but no letter of authorization was submitted.`,
      );
};

const CORRECTION_RULES: readonly ScreeningRule[] = [c1NoProofOfOwnership, c2NoInfringementEvidence, c3AgentWithoutAuthorization];

export const decideCorrection = (ctx: TriageContext): RouteDecision | null =>
  screen('return_for_correction', CORRECTION_RULES, ctx);
