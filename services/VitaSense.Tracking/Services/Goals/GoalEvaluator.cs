using Microsoft.Extensions.Options;
using VitaSense.ServiceDefaults.Data;
using VitaSense.Tracking.Infrastructure;

namespace VitaSense.Tracking.Services.Goals;

/// <summary>
/// Re-evaluates every active goal each <see cref="GoalEvaluationOptions.EvaluationInterval"/>: data arriving from a
/// device reaches a goal (and publishes its <c>GoalAchieved</c>) without anyone opening the progress endpoint. Only
/// the current and previous periods are looked at; the achievement table's key keeps it from publishing twice, also
/// across replicas.
/// </summary>
public sealed class GoalEvaluator(
    GoalStore goals,
    InsightsProfileStore profiles,
    GoalProgressService progress,
    SchemaReadiness readiness,
    IOptions<GoalEvaluationOptions> options,
    TimeProvider timeProvider,
    ILogger<GoalEvaluator> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, timeProvider);
        do
        {
            try
            {
                var evaluated = await EvaluateAllAsync(stoppingToken);
                logger.LogDebug("Evaluated {Count} active goals", evaluated);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next round tries again; nothing is lost, achievements are derived from the records.
                logger.LogWarning(ex, "Goal evaluation failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Evaluates every active goal once; returns how many.</summary>
    public async Task<int> EvaluateAllAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var after = Guid.Empty;
        // A goal whose target date passed a month ago has no period left to reach.
        var since = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime).AddMonths(-1);
        while (true)
        {
            var page = await goals.ActiveAsync(since, after, options.Value.BatchSize, cancellationToken);
            foreach (var goal in page)
            {
                try
                {
                    var profile = await profiles.GetAsync(goal.UserId, cancellationToken);
                    await progress.EvaluateAsync(goal, profile, periods: 2, history: false, cancellationToken);
                    count++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not evaluate goal {GoalId}", goal.GoalId);
                }
            }
            if (page.Count < options.Value.BatchSize)
            {
                return count;
            }
            after = page[^1].GoalId;
        }
    }
}
