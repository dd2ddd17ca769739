import { LatestLoad } from '../../ui/components/latest-load.ts';
import { equal, ok } from './assert.ts';

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('LatestLoad (the loads of lists, cases, ledgers and reports)', () => {
  it('applies only the latest answer, keeps loading true until that one is in, and clears an earlier error', async () => {
    const host = Object.assign(new EventTarget(), { loading: false, error: 'earlier' as unknown, value: '' });
    const loads = new LatestLoad(host, (error) => (host.error = error));
    const first = deferred<string>();
    const second = deferred<string>();
    const a = loads.run(
      () => first.promise,
      (v) => (host.value = v),
    );
    const b = loads.run(
      () => second.promise,
      (v) => (host.value = v),
    );
    ok(host.loading, 'loading while on the way');
    second.resolve('second');
    await b;
    first.resolve('first, late');
    await a;
    equal(host.value, 'second', 'the late answer of the earlier load is ignored');
    equal(host.error, undefined);
    equal(host.loading, false);
  });

  it('keeps the failure for display and tells the app when the login expired; an earlier failure is ignored', async () => {
    const host = Object.assign(new EventTarget(), { loading: false, error: undefined as unknown });
    let expired = 0;
    host.addEventListener('sf-login-expired', () => expired++);
    const loads = new LatestLoad(host, (error) => (host.error = error));
    const stale = deferred<string>();
    const a = loads.run(
      () => stale.promise,
      () => undefined,
    );
    const refused = Object.assign(new Error('login expired'), { status: 401 });
    await loads.run(
      () => Promise.reject(refused),
      () => undefined,
    );
    stale.reject(new Error('too late to matter'));
    await a;
    equal(host.error, refused);
    equal(expired, 1);
    equal(host.loading, false);
  });
});
