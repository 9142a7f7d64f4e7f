using System.Collections.Concurrent;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// A concurrent cache of at most <paramref name="capacity"/> entries, cleared all at once when full: cheaper than
/// tracking use, and what is cleared is only worked out again. The session caches (<see cref="CachedTicketDataFormat"/>,
/// <see cref="RedisTicketStore"/>) keep their entries in one, so the memory stays bounded however many sessions arrive.
/// </summary>
internal sealed class BoundedCache<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock; this is counted on the side instead.
    private int _count;

    public bool TryGetValue(string key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(string key, TValue value)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _entries[key] = value;
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);
}
