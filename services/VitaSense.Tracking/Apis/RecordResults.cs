namespace VitaSense.Tracking.Apis;

/// <summary>Answers shared by the records endpoints.</summary>
public static class RecordResults
{
    /// <summary>The 404 of a record that does not exist or is someone else's: the two are not told apart.</summary>
    public static IResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} {id} not found.");
}
