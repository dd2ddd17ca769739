import { ApiClient } from '../../ui/api/client.ts';
import type { StreamMessage } from '../../ui/api/types.ts';
import { deepEqual, equal } from './assert.ts';
import { fakeApi, until } from './fake-api.ts';

// The header's inbox and the page both follow the event stream; the server allows each user only a
// few streams at once, so one client keeps one connection for all its listeners.
describe('ApiClient.subscribe', () => {
  it('shares one connection among listeners, closes it with the last, and opens a new one after', async () => {
    const api = fakeApi({});
    const client = new ApiClient({ token: 'T', fetch: api.fetch });
    const [a, b] = [new AbortController(), new AbortController()];
    const got: Record<string, StreamMessage[]> = { a: [], b: [] };
    const doneA = client.subscribe((m) => got['a']!.push(m), a.signal);
    void client.subscribe((m) => got['b']!.push(m), b.signal);
    await until(() => api.calls('/api/stream').length, 'the stream to open');
    api.emit('inbox', {});
    await until(() => got['a']!.length && got['b']!.length, 'both to hear it');
    equal(api.calls('/api/stream').length, 1, 'one connection');
    a.abort();
    await doneA;
    api.emit('case', { id: 'c1' });
    await until(() => got['b']!.length === 2, 'the other still hears');
    equal(got['a']!.length, 1, 'the one that left hears no more');
    b.abort();
    // the next listener opens a connection of its own
    const c = new AbortController();
    void client.subscribe(() => undefined, c.signal);
    await until(() => api.calls('/api/stream').length === 2, 'a new connection');
    c.abort();
    deepEqual(
      got['b']!.map((m) => m.event),
      ['inbox', 'case'],
    );
  });
});
