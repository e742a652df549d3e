using VitaSense.Agents.Evaluation.Commands;

return CommandLine.Run(args);
