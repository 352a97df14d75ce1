import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import { BULKHEAD_STATES, BulkheadComponent } from '../components/bulkheadComponent';
import type { BulkheadPolicy } from '../scenario/policies';

const semaphore = (maxConcurrentCalls: number, maxWaitDurationMs = 0): BulkheadPolicy => ({
  type: 'bulkhead',
  kind: 'semaphore',
  maxConcurrentCalls,
  maxWaitDurationMs,
});
const queue = (limit: number, places: number): BulkheadPolicy => ({ type: 'bulkhead', kind: 'queue', limit, queue: places });
const threadPool = (coreThreadPoolSize: number, maxThreadPoolSize: number, queueCapacity: number, keepAliveMs = 20): BulkheadPolicy => ({
  type: 'bulkhead',
  kind: 'threadPool',
  coreThreadPoolSize,
  maxThreadPoolSize,
  queueCapacity,
  keepAliveMs,
});

function harness(policy: BulkheadPolicy) {
  const clock = new SimClock();
  const log: string[] = [];
  const transitions: string[] = [];
  const notices: string[] = [];
  const bulkhead = new BulkheadComponent('dep.bulkhead', policy, clock, {
    onTransition: (from, to, cause) => transitions.push(`${clock.now} ${from}->${to}: ${cause}`),
    onNotice: (text) => notices.push(text),
  });
  /** Asks for a slot as call `name`; logs what it gets and when. */
  const call = (name: string) =>
    bulkhead.acquire(
      () => log.push(`${name} permitted@${clock.now}`),
      () => log.push(`${name} rejected@${clock.now}`),
    );
  /** A granted call finishes. */
  const finish = (name: string) => {
    log.push(`${name} finished@${clock.now}`);
    bulkhead.release();
  };
  const at = (t: number, fn: () => void) => clock.schedule(t, fn);
  const free = () => {
    const f = bulkhead.figures();
    return `${f.capacity - f.inUse}/${f.queueCapacity - f.queued}`;
  };
  return { clock, bulkhead, log, transitions, notices, call, finish, at, free };
}

describe('semaphore bulkhead (resilience4j SemaphoreBulkhead)', () => {
  it('2 slots, no wait: permit, permit, reject; one completion frees one slot; events permitted, permitted, rejected, finished, finished, permitted', () => {
    const h = harness(semaphore(2));
    h.call('a');
    h.call('b');
    h.call('c');
    h.finish('a');
    h.finish('b');
    h.call('d');
    expect(h.log.map((e) => e.split(/[ @]/)[1])).toEqual(['permitted', 'permitted', 'rejected', 'finished', 'finished', 'permitted']);
    expect(h.bulkhead.figures()).toEqual({
      kind: 'semaphore',
      inUse: 1,
      capacity: 2,
      queued: 0,
      queueCapacity: 0,
      permitted: 3,
      rejected: 1,
      waited: 0,
    });
  });

  it('one completion frees exactly one slot', () => {
    const h = harness(semaphore(2));
    h.call('a');
    h.call('b');
    h.finish('a');
    h.call('c');
    h.call('d');
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'a finished@0', 'c permitted@0', 'd rejected@0']);
  });

  it('with a wait, the rejection happens only when the wait expires, exactly at +maxWait', () => {
    const h = harness(semaphore(1, 100));
    h.at(5, () => h.call('a'));
    h.at(5, () => h.call('b'));
    h.clock.runUntil(105);
    expect(h.log).toEqual(['a permitted@5']);
    expect(h.bulkhead.figures()).toMatchObject({ queued: 1, queueCapacity: 0 });
    h.clock.runUntil(106);
    expect(h.log).toEqual(['a permitted@5', 'b rejected@105']);
    expect(h.bulkhead.figures()).toMatchObject({ queued: 0, rejected: 1, waited: 1, permitted: 1 });
  });

  it('a waiting call is granted as soon as a slot frees up, and is never rejected afterwards', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    h.call('b');
    h.at(40, () => h.finish('a'));
    h.clock.runUntil(1_000);
    expect(h.log).toEqual(['a permitted@0', 'a finished@40', 'b permitted@40']);
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 1, queued: 0, rejected: 0, waited: 1, permitted: 2 });
  });

  it('at an exact tie, a release scheduled before the wait began wins', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    h.at(100, () => h.finish('a')); // scheduled before b starts waiting
    h.call('b');
    h.clock.runUntil(200);
    expect(h.log).toEqual(['a permitted@0', 'a finished@100', 'b permitted@100']);
  });

  it('at an exact tie, the expiry wins over a release scheduled after the wait began', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    h.call('b');
    h.at(100, () => h.finish('a'));
    h.clock.runUntil(200);
    expect(h.log).toEqual(['a permitted@0', 'b rejected@100', 'a finished@100']);
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 0, queued: 0 });
  });

  it('grants waiting calls in FIFO order', () => {
    const h = harness(semaphore(1, 1_000));
    for (const name of ['a', 'b', 'c', 'd']) h.call(name);
    h.at(10, () => h.finish('a'));
    h.at(20, () => h.finish('b'));
    h.at(30, () => h.finish('c'));
    h.clock.runUntil(100);
    expect(h.log.filter((e) => e.includes('permitted'))).toEqual(['a permitted@0', 'b permitted@10', 'c permitted@20', 'd permitted@30']);
  });

  it('withdraw() takes a waiting call out: neither callback ever runs, it is not counted as rejected, and the next caller moves up', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    const withdrawB = h.call('b');
    h.call('c');
    withdrawB();
    expect(h.bulkhead.figures()).toMatchObject({ queued: 1, rejected: 0, waited: 2 });
    h.at(50, () => h.finish('a'));
    h.clock.runUntil(1_000);
    expect(h.log).toEqual(['a permitted@0', 'a finished@50', 'c permitted@50']);
    withdrawB(); // twice is harmless
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 1, queued: 0, rejected: 0, permitted: 2 });
  });

  it('withdraw() after the grant does nothing', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    const withdrawB = h.call('b');
    h.finish('a');
    withdrawB();
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 1, queued: 0 });
    expect(h.log).toEqual(['a permitted@0', 'a finished@0', 'b permitted@0']);
  });

  it('a granted call that finishes inside its callback passes the slot on at once', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    const order: string[] = [];
    h.bulkhead.acquire(
      () => {
        order.push('b');
        h.bulkhead.release();
      },
      () => order.push('b rejected'),
    );
    h.bulkhead.acquire(() => order.push('c'), () => order.push('c rejected'));
    h.bulkhead.release(); // a finishes
    expect(order).toEqual(['b', 'c']);
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 1, queued: 0, permitted: 3 });
  });

  it('reports transitions with causes, and never SATURATED without a wait', () => {
    const h = harness(semaphore(25));
    for (let i = 0; i < 26; i++) h.call(`c${i}`);
    h.finish('c0');
    expect(h.transitions).toEqual([
      '0 AVAILABLE->FULL: all 25 slots in use; new calls are rejected (maxWaitDuration 0)',
      '0 FULL->AVAILABLE: 24 of 25 slots in use; new calls start at once',
    ]);
  });

  it('with a wait it goes AVAILABLE -> SATURATED, never FULL', () => {
    const h = harness(semaphore(2, 500));
    h.call('a');
    h.call('b');
    h.call('c');
    expect(h.bulkhead.state).toBe('SATURATED');
    expect(h.transitions).toEqual(['0 AVAILABLE->SATURATED: all 2 slots in use; new calls wait up to 500 ms for one']);
    h.clock.runUntil(1_000);
    h.finish('a');
    expect(h.bulkhead.state).toBe('AVAILABLE');
  });

  it('update() raising maxConcurrentCalls lets waiting calls in at once and cancels their wait limits', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    h.call('b');
    h.call('c');
    h.at(10, () => h.bulkhead.update(semaphore(3, 100)));
    h.clock.runUntil(1_000);
    expect(h.log).toEqual(['a permitted@0', 'b permitted@10', 'c permitted@10']);
    expect(h.bulkhead.figures()).toMatchObject({ inUse: 3, capacity: 3, queued: 0, rejected: 0 });
    expect(h.bulkhead.state).toBe('SATURATED');
  });

  it('update() lowering maxConcurrentCalls lets the running calls finish and admits nobody until below the new limit', () => {
    const h = harness(semaphore(2));
    h.call('a');
    h.call('b');
    h.bulkhead.update(semaphore(1));
    h.finish('a');
    h.call('c');
    h.finish('b');
    h.call('d');
    expect(h.log.filter((e) => !e.includes('finished'))).toEqual(['a permitted@0', 'b permitted@0', 'c rejected@0', 'd permitted@0']);
  });
});

describe('queue bulkhead (cockatiel bulkhead(limit, queue))', () => {
  it('2 slots and queue 2: free slots/queue 2/2 → 1/2 → 0/2 → 0/1 → 0/0, the 5th call is rejected; call 2 starts when call 0 finishes, call 3 when call 1 finishes', () => {
    const h = harness(queue(2, 2));
    const seen = [h.free()];
    for (const name of ['0', '1', '2', '3']) {
      h.call(name);
      seen.push(h.free());
    }
    expect(seen).toEqual(['2/2', '1/2', '0/2', '0/1', '0/0']);
    h.call('4');
    expect(h.log).toEqual(['0 permitted@0', '1 permitted@0', '4 rejected@0']);
    h.at(10, () => h.finish('0'));
    h.at(20, () => h.finish('1'));
    h.clock.runUntil(100);
    expect(h.log.slice(3)).toEqual(['0 finished@10', '2 permitted@10', '1 finished@20', '3 permitted@20']);
    expect(h.free()).toBe('0/2');
  });

  it('goes AVAILABLE -> SATURATED -> FULL with causes', () => {
    const h = harness(queue(2, 2));
    for (const name of ['0', '1', '2', '3']) h.call(name);
    expect(h.transitions).toEqual([
      '0 AVAILABLE->SATURATED: all 2 slots in use; new calls queue (0 of 2 queue places taken)',
      '0 SATURATED->FULL: all 2 slots in use and all 2 queue places taken; new calls are rejected',
    ]);
  });

  it('with queue 0 there is no SATURATED', () => {
    const h = harness(queue(1, 0));
    h.call('a');
    h.call('b');
    expect(h.transitions).toEqual(['0 AVAILABLE->FULL: the single slot in use; new calls are rejected (queue 0)']);
    expect(h.log).toEqual(['a permitted@0', 'b rejected@0']);
  });

  it('a queued call waits without limit and can be withdrawn', () => {
    const h = harness(queue(1, 2));
    h.call('a');
    const withdrawB = h.call('b');
    h.call('c');
    h.clock.runUntil(1_000_000);
    withdrawB();
    h.finish('a');
    expect(h.log).toEqual(['a permitted@0', 'a finished@1000000', 'c permitted@1000000']);
  });

  it('update() raising the limit starts queued calls at once', () => {
    const h = harness(queue(1, 2));
    h.call('a');
    h.call('b');
    h.call('c');
    h.bulkhead.update(queue(2, 2));
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0']);
    h.bulkhead.update(queue(5, 2));
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'c permitted@0']);
    expect(h.bulkhead.state).toBe('AVAILABLE');
  });
});

describe('thread-pool bulkhead (resilience4j ThreadPoolBulkhead on a ThreadPoolExecutor)', () => {
  it('core 1, max 2, queue 0 accepts two blocked tasks and rejects the third', () => {
    const h = harness(threadPool(1, 2, 0));
    h.call('a');
    h.call('b');
    h.call('c');
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'c rejected@0']);
    expect(h.bulkhead.figures()).toMatchObject({ kind: 'threadPool', inUse: 2, capacity: 2, threads: 2, queued: 0, queueCapacity: 0 });
    expect(h.transitions).toEqual(['0 AVAILABLE->FULL: all 2 threads busy and no queue (queueCapacity 0); new calls are rejected']);
  });

  it('fills the core, then the queue, then extra threads; a finishing thread takes the next queued task', () => {
    const h = harness(threadPool(1, 2, 1));
    for (const name of ['a', 'b', 'c', 'd']) h.call(name);
    expect(h.log).toEqual(['a permitted@0', 'c permitted@0', 'd rejected@0']);
    expect(h.transitions).toEqual([
      '0 AVAILABLE->SATURATED: all 1 thread busy; new calls queue (0 of 1 places taken)',
      '0 SATURATED->AVAILABLE: queue full (1 of 1); a new call starts extra thread 2 of 2 (ThreadPoolExecutor adds threads only once the queue is full)',
      '0 AVAILABLE->FULL: all 2 threads busy and the queue is full (1 of 1); new calls are rejected',
    ]);
    h.at(10, () => h.finish('a'));
    h.clock.runUntil(11);
    expect(h.log.slice(3)).toEqual(['a finished@10', 'b permitted@10']);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 2, queued: 0 });
  });

  it('starts a new core thread even when another one is idle', () => {
    const h = harness(threadPool(2, 2, 5));
    h.call('a');
    h.finish('a');
    h.call('b');
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 1 });
  });

  it('an extra thread ends after keepAlive idle; the next tasks then queue, and only a full queue starts a thread again', () => {
    const h = harness(threadPool(1, 2, 1, 20));
    for (const name of ['a', 'b', 'c']) h.call(name); // a: core thread, b: queued, c: extra thread
    h.at(10, () => h.finish('a')); // its thread takes b
    h.at(15, () => h.finish('c')); // the extra thread goes idle until 35
    h.clock.runUntil(35);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 1 });
    h.clock.runUntil(36);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 1, inUse: 1 });
    h.at(40, () => h.call('d'));
    h.at(40, () => h.call('e'));
    h.clock.runUntil(41);
    expect(h.log.filter((e) => e.startsWith('d') || e.startsWith('e'))).toEqual(['e permitted@40']);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 2, queued: 1 });
  });

  it('an idle extra thread that takes a task before its keep-alive runs out stays', () => {
    const h = harness(threadPool(1, 2, 0, 20));
    h.call('a');
    h.call('b');
    h.at(10, () => h.finish('b'));
    h.at(25, () => h.call('c'));
    h.clock.runUntil(100);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 2 });
  });

  it('with queueCapacity 0 (SynchronousQueue) the most recently idle thread takes a task, so the oldest idle one ends first', () => {
    const h = harness(threadPool(1, 3, 0, 100));
    h.call('a');
    h.call('b');
    h.call('c');
    h.at(10, () => h.finish('b')); // idle until 110
    h.at(20, () => h.finish('c')); // idle until 120
    h.at(50, () => h.call('d')); // takes the thread idle since 20
    h.clock.runUntil(111);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 2 });
  });

  it('with a queue (ArrayBlockingQueue) the longest idle thread takes a task', () => {
    const h = harness(threadPool(1, 3, 1, 100));
    for (const name of ['a', 'b', 'c', 'd']) h.call(name); // a core, b queued, c and d extra
    h.at(5, () => h.finish('a')); // takes b
    h.at(10, () => h.finish('c')); // idle until 110
    h.at(20, () => h.finish('d')); // idle until 120
    h.at(50, () => h.call('e')); // takes the thread idle since 10
    h.clock.runUntil(111);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 3, inUse: 2 });
    h.clock.runUntil(121);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 2 });
  });

  it('a thread idle while the pool is at core waits without a keep-alive', () => {
    const h = harness(threadPool(2, 2, 0, 10));
    h.call('a');
    h.call('b');
    h.finish('a');
    h.finish('b');
    h.clock.runUntil(10_000);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 2, inUse: 0 });
  });

  it('update() raising the core size starts threads for queued tasks', () => {
    const h = harness(threadPool(1, 1, 3));
    for (const name of ['a', 'b', 'c']) h.call(name);
    h.bulkhead.update(threadPool(3, 3, 3));
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'c permitted@0']);
    expect(h.bulkhead.figures()).toMatchObject({ threads: 3, inUse: 3, queued: 0 });
  });

  it('update() shortening keepAlive restarts the idle extra threads’ wait with the new value', () => {
    const h = harness(threadPool(1, 2, 0, 1_000));
    h.call('a');
    h.call('b');
    h.finish('b');
    h.at(100, () => h.bulkhead.update(threadPool(1, 2, 0, 50)));
    h.clock.runUntil(150);
    expect(h.bulkhead.figures().threads).toBe(2);
    h.clock.runUntil(151);
    expect(h.bulkhead.figures().threads).toBe(1);
  });
});

describe('bulkhead states and updates', () => {
  it('exports the three visible states', () => {
    expect(BULKHEAD_STATES).toEqual(['AVAILABLE', 'SATURATED', 'FULL']);
  });

  it('a change of kind keeps the calls in flight and notices the learner', () => {
    const h = harness(semaphore(2));
    h.call('a');
    h.call('b');
    h.bulkhead.update(queue(2, 1));
    expect(h.notices).toEqual(['bulkhead kind semaphore → queue: calls already waiting keep their place and their wait limit; new calls follow the queue rules']);
    h.call('c');
    h.call('d');
    h.finish('a');
    expect(h.log).toEqual(['a permitted@0', 'b permitted@0', 'd rejected@0', 'a finished@0', 'c permitted@0']);
    expect(h.bulkhead.figures()).toMatchObject({ kind: 'queue', inUse: 2, queued: 0 });
  });

  it('stop() drops waiting calls without calling them back', () => {
    const h = harness(semaphore(1, 100));
    h.call('a');
    h.call('b');
    h.bulkhead.stop();
    h.clock.runUntil(1_000);
    expect(h.log).toEqual(['a permitted@0']);
  });
});
