namespace VitaSense.Hosting.Commands;

/// <summary>A sub-command's failure, told to the user in one line.</summary>
internal sealed class CommandException(string message) : Exception(message);
