using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Analytics;

namespace VitaSense.Tracking.Infrastructure;

/// <summary>The profile fields the insights depend on (time zone, age), read through the records' <see cref="ProfileStore"/>.</summary>
public sealed class InsightsProfileStore(ProfileStore profiles)
{
    /// <summary>The user's profile; UTC and nothing known without one.</summary>
    public async Task<InsightsProfile> GetAsync(string userId, CancellationToken cancellationToken) =>
        InsightsProfile.From(await profiles.GetAsync(userId, cancellationToken));
}
