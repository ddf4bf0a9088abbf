/**
 * The details of a history entry that name an account or an organisation by id (who was given the case, who was
 * released, the mediator, where it went, with whom evidence was shared). Staff read them by name: the API gives the
 * names (`names` of a history item), the web UI shows them in place of the ids.
 */
export const NAMED_DETAIL_KEYS = ['assigneeId', 'releasedAssigneeId', 'mediatorId', 'transferredTo', 'organizationIds'] as const;
