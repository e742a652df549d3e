using System.Collections.ObjectModel;

namespace VitaSense.Hosting;

internal sealed class ResourceCollection : Collection<IResource>, IResourceCollection
{
    protected override void InsertItem(int index, IResource item)
    {
        if (this.Any(r => r.Name == item.Name))
        {
            throw new InvalidOperationException($"A resource named '{item.Name}' already exists in the app model.");
        }

        base.InsertItem(index, item);
    }
}
