namespace VitaSense.Hosting.Testing;

/// <summary>Unwinds the AppHost's Program.cs once the testing entry point has its model.</summary>
internal sealed class ModelCapturedException() : Exception("The testing entry point captured the app model.");
