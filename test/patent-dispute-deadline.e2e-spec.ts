// A patent dispute's investigation lasts three calendar months from filing and may be extended to five, month by
// month (lifecycle.md: "patent disputes 3 months, at most 5 in total"); other cases count 90 days plus 30. Far in the
// future, where no holiday calendar is published (weekends only, provisional), so that the dates are the months'.
import { exampleComplaint } from './support/complaints';
import { deadlineRow, startDeadlineWorld, type DeadlineWorld } from './support/deadline-world';
import { uniqueRespondent } from './support/workflow';

describe('the investigation period of a patent dispute', () => {
  let world: DeadlineWorld;
  beforeAll(async () => {
    world = await startDeadlineWorld();
  });
  afterEach(() => world.clock.reset());
  afterAll(() => world.close());

  it('filed on 31 January it ends on 30 April (not 90 days later), then 31 May and 30 June with the two extensions', async () => {
    const { t, c, w, clock } = world;
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '专利侵权纠纷' }).expect(200);
    clock.travel(Date.parse('2094-01-31T10:00:00+08:00') - Date.now());
    await w.act(c.officer, s.id, 'file_case').expect(200);
    const stage = 'administrative_enforcement.investigating';
    expect(await deadlineRow(t, s.id, stage)).toMatchObject({ due_date: '2094-04-30', clock: 'calendar_days', period: 89 });
    await w.act(c.supervisor, s.id, 'extend', { reason: '需要技术鉴定' }).expect(200);
    expect((await deadlineRow(t, s.id, stage)).due_date).toBe('2094-05-31');
    await w.act(c.supervisor, s.id, 'extend', { reason: '鉴定尚未完成' }).expect(200);
    expect((await deadlineRow(t, s.id, stage)).due_date).toBe('2094-06-30');
    // Five months in all.
    expect((await w.act(c.supervisor, s.id, 'extend', { reason: '再次延期' })).status).toBe(409);
  });
});
