/** Deadlines that do not order the queue (`ip_case.due_at`): the respondent's answer period and post-closure reminders. */
export const NON_QUEUE_STAGES = ['respondent_answer', 'judicial_confirmation'];
