import { Init1795621346390 } from './1795621346390-init';
import { StatutoryCalendar1795621400000 } from './1795621400000-statutory-calendar';
import { WorkflowDeadlines1795622326638 } from './1795622326638-workflow-deadlines';
import { Evidence1795622703415 } from './1795622703415-evidence';
import { AuditAppendOnly1795623441136 } from './1795623441136-audit-append-only';
import { AuditAppendFunction1795626744640 } from './1795626744640-audit-append-function';
import { CaseNumberSequences1795624900000 } from './1795624900000-case-number-sequences';
import { QueueIndexes1795625500000 } from './1795625500000-queue-indexes';
import { OutboxNotify1795625800000 } from './1795625800000-outbox-notify';
import { TransfersRespondentTokens1795625900000 } from './1795625900000-transfers-respondent-tokens';
import { SearchIndexes1795627200000 } from './1795627200000-search-indexes';
import { AccountAccess1796392513891 } from './1796392513891-account-access';
import { ListIndexes1796393108377 } from './1796393108377-list-indexes';
import { AuditDetailsText1796400000000 } from './1796400000000-audit-details-text';
import { OrganizationActive1796400100000 } from './1796400100000-organization-active';
import { AuditMerkleTree1796400200000 } from './1796400200000-audit-merkle-tree';
import { TriageRerun1796635847179 } from './1796635847179-triage-rerun';

/** Every migration, in order. `npm run migration:generate -- <Name>` writes new ones and adds them here. */
export const MIGRATIONS = [Init1795621346390, StatutoryCalendar1795621400000, WorkflowDeadlines1795622326638, Evidence1795622703415, AuditAppendOnly1795623441136, AuditAppendFunction1795626744640, CaseNumberSequences1795624900000, QueueIndexes1795625500000, OutboxNotify1795625800000, TransfersRespondentTokens1795625900000, SearchIndexes1795627200000, AccountAccess1796392513891, ListIndexes1796393108377, AuditDetailsText1796400000000, OrganizationActive1796400100000, AuditMerkleTree1796400200000, TriageRerun1796635847179];
