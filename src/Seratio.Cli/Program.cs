// Entry point of the seratio CLI: every command lives under Cli/, Keys/, Tx/, Query/, Proofs/, Hosting/ and Devnet/.
using Seratio.Cli.Cli;

return await CliApp.RunAsync(args, CliConsole.FromSystem());
