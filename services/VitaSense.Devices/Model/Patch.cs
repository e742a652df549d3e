namespace VitaSense.Devices.Model;

/// <summary>A field of a partial update: either absent from the request, or present with a value (possibly null).</summary>
/// <typeparam name="T">The field's type.</typeparam>
/// <param name="IsSet">Whether the request named the field.</param>
/// <param name="Value">Its value when named.</param>
public readonly record struct Patch<T>(bool IsSet, T Value)
{
    /// <summary>A named field.</summary>
    public static Patch<T> Of(T value) => new(true, value);

    /// <summary>The value when named, else <paramref name="current"/>.</summary>
    public T Or(T current) => IsSet ? Value : current;
}
