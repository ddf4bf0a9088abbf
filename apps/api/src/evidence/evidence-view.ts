import type { Caller } from '@lyg/auth';
import type { Evidence } from '@lyg/database';
import { AGENCY_ROLES, type EvidenceKind, type Role } from '@lyg/domain';

/** contract.md `Evidence`, plus the description, the stored object version and (for the center's staff) the sharing. */
export interface EvidenceView {
  id: string;
  caseId: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedAt: string;
  uploadedBy: string | null;
  /** Who filed it: the complainant (`enterprise`), the `respondent` (no account: `uploadedBy` is null), or staff. */
  uploaderRole: string;
  versionId: string | null;
  sharedWith?: { organizationIds: string[]; respondent: boolean };
}

const SEES_SHARING: readonly Role[] = ['examiner', 'supervisor', 'officer', 'mediator', 'admin'];

export const isAgency = (role: Role) => (AGENCY_ROLES as readonly Role[]).includes(role);

export function evidenceView(e: Evidence, caller: Caller): EvidenceView {
  const view: EvidenceView = {
    id: e.id,
    caseId: e.caseId,
    kind: e.kind,
    fileName: e.fileName,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    description: e.description,
    uploadedAt: e.uploadedAt.toISOString(),
    uploadedBy: e.uploadedBy,
    uploaderRole: e.uploaderRole,
    versionId: e.versionId,
  };
  if (SEES_SHARING.includes(caller.role)) view.sharedWith = { organizationIds: e.sharedWith, respondent: e.sharedWithRespondent };
  return view;
}
