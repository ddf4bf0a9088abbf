import type { Caller } from '@lyg/auth';
import type { IpCase, StoredSnapshot } from '@lyg/database';
import { Injectable } from '@nestjs/common';

/** Placeholder until the case statechart lands: only `submit` from `draft`. */
@Injectable()
export class WorkflowService {
  initialSnapshot(): StoredSnapshot {
    return { machineVersion: '0', value: 'draft', context: {} };
  }

  allowedActions(c: IpCase, caller: Caller): string[] {
    return c.state === 'draft' && caller.role === 'enterprise' ? ['submit'] : [];
  }
}
