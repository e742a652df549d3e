namespace VitaSense.Hosting;

/// <summary>A fact attached to a resource by the app model (as in Aspire).</summary>
public interface IResourceAnnotation;
