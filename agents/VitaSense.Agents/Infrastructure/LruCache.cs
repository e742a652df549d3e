namespace VitaSense.Agents.Infrastructure;

/// <summary>
/// A map bounded to <c>capacity</c> entries that forgets the least recently used one when full. Not thread-safe:
/// each instance belongs to one consume loop; <see cref="Count"/> may be read from elsewhere.
/// </summary>
public sealed class LruCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> map = new(Math.Min(capacity, 1024));
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();
    private volatile int count;

    /// <summary>Entries held.</summary>
    public int Count => count;

    /// <summary>The value for <paramref name="key"/>, marking it recently used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
            order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Adds or replaces <paramref name="key"/>, evicting the least recently used entry if full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
            node.Value = (key, value);
            order.AddFirst(node);
            return;
        }

        if (map.Count >= capacity && order.Last is { } oldest)
        {
            order.RemoveLast();
            map.Remove(oldest.Value.Key);
        }
        map[key] = order.AddFirst((key, value));
        count = map.Count;
    }
}
