extern alias agents;

using VitaSense.TestSupport;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The test classes that talk to the agents service share one instance of it, one class at a time: two instances
/// would split the consumer groups' partitions and each see only part of the events.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AgentsServiceCollection : ICollectionFixture<ServiceFactory<AgentsProgram>>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "agents-service";
}
