import { ByteBudget } from './byte-budget';

const tick = () => new Promise((r) => setImmediate(r));

describe('ByteBudget', () => {
  it('grants in order and never more than it has', async () => {
    const b = new ByteBudget(10);
    const order: string[] = [];
    expect(await b.acquire(6)).toBe(true);
    const second = b.acquire(6).then(() => order.push('second'));
    const third = b.acquire(1).then(() => order.push('third')); // would fit, but waits its turn
    await tick();
    expect(order).toEqual([]);
    b.release(6);
    await Promise.all([second, third]);
    expect(order).toEqual(['second', 'third']);
    expect(b.free).toBe(3);
  });

  it('gives up after the timeout and lets the next in line through', async () => {
    const b = new ByteBudget(10);
    await b.acquire(8);
    const big = b.acquire(10, 20);
    const small = b.acquire(2);
    expect(await big).toBe(false);
    expect(await small).toBe(true);
    expect(b.queued).toBe(0);
    expect(b.free).toBe(0);
  });

  it('never asks for more than the whole budget', async () => {
    const b = new ByteBudget(10);
    expect(await b.acquire(1000)).toBe(true);
    b.release(1000);
    expect(b.free).toBe(10);
  });
});
