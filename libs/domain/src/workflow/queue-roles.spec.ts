import { claimableStates, keepsAssignee, queueRolesOf, workStates } from './queue-roles';

describe('queues by stage', () => {
  it('each open stage belongs to the queue of the role that works it', () => {
    expect(queueRolesOf('screening')).toEqual(['examiner']);
    expect(queueRolesOf('awaiting_correction')).toEqual(['examiner']);
    expect(queueRolesOf('fast_track.awaiting_expert')).toEqual(['examiner']);
    expect(queueRolesOf('administrative_enforcement.filing_review')).toEqual(['officer']);
    expect(queueRolesOf('police_transfer_review.awaiting_police_decision')).toEqual(['officer']);
    expect(queueRolesOf('mediation.assigning')).toEqual(['mediator']);
    expect(queueRolesOf('customs_referral')).toEqual(['examiner']);
  });

  it('an assignee is kept in their own queue, released into another, kept by a closure; supervisors always', () => {
    expect(keepsAssignee('examiner', 'fast_track.examining')).toBe(true);
    expect(keepsAssignee('examiner', 'administrative_enforcement.filing_review')).toBe(false);
    expect(keepsAssignee('examiner', 'mediation.assigning')).toBe(false);
    expect(keepsAssignee('examiner', 'court_referral')).toBe(true);
    expect(keepsAssignee('mediator', 'court_referral')).toBe(false);
    expect(keepsAssignee('officer', 'police_transfer_review.awaiting_approval')).toBe(true);
    expect(keepsAssignee('mediator', 'administrative_enforcement.filing_review')).toBe(false);
    expect(keepsAssignee('examiner', 'closed')).toBe(true);
    expect(keepsAssignee('supervisor', 'customs_referral')).toBe(true);
  });

  it('claim-next offers each role the stages where it has work; a claim may take any stage of its queue', () => {
    expect(workStates('examiner')).toEqual(['screening', 'fast_track.examining', 'fast_track.awaiting_expert']);
    expect(claimableStates('examiner')).toContain('awaiting_correction');
    expect(workStates('officer')).toEqual(['administrative_enforcement.filing_review', 'administrative_enforcement.investigating', 'administrative_enforcement.suspended']);
    expect(workStates('mediator')).toEqual(['mediation.mediating']);
    expect(workStates('supervisor')).toEqual(expect.arrayContaining(['mediation.assigning', 'police_transfer_review.awaiting_approval', 'police_transfer_review.declined']));
    expect(workStates('supervisor')).not.toContain('screening');
    expect(claimableStates('supervisor')).toContain('screening');
    expect(claimableStates('police')).toEqual([]);
  });
});
