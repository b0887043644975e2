using Build.Packaging;

// Entry point used by the Cake build (build/tasks/package.cake, guard.cake):
//   Packaging package --publish-root artifacts/publish --output artifacts/lambdas number-generator even odd
//   Packaging guard   --manifest artifacts/lambdas/manifest.json [--publish-root artifacts/publish]
// Exit codes: 0 fine, 1 a problem with the packages (printed, one sentence each), 2 bad usage.
try
{
    return Cli.Run(args, Console.Out, Console.Error);
}
catch (PackagingException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
