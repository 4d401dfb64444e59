namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>
/// SCCI1580's prompt for the planned review: no more than 3 months ahead, because plans for someone in
/// their last year of life go stale quickly. A review date in the past plans nothing.
/// </summary>
internal static class ReviewDateRule
{
    public const int MaxMonthsAhead = 3;

    /// <summary>The latest review date allowed when planning on <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => today.AddMonths(MaxMonthsAhead);

    /// <summary>Null when <paramref name="review"/> may be planned on <paramref name="today"/>, else what is wrong.</summary>
    public static string? Check(DateOnly review, DateOnly today)
    {
        if (review < today)
        {
            return $"{RequestField.Format(review)} is in the past; plan the next review from today ({RequestField.Format(today)}) onwards";
        }

        var latest = Latest(today);
        return review > latest
            ? $"{RequestField.Format(review)} is more than {MaxMonthsAhead} months ahead; plan the review on or before {RequestField.Format(latest)} (SCCI1580: no more than 3 months ahead)"
            : null;
    }
}
