namespace VitaSense.Hosting;

/// <summary>Configures one resource of the app model (as Aspire's <c>IResourceBuilder&lt;T&gt;</c>).</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    /// <summary>The resource being configured.</summary>
    T Resource { get; }

    /// <summary>The builder of the whole app model.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    /// <summary>Attaches an annotation to the resource.</summary>
    IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation) where TAnnotation : IResourceAnnotation;
}
