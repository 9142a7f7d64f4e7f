using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("HerokuOAuthMvc.Tests.Infrastructure.TestRun", "HerokuOAuthMvc.Tests")]

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// xunit's own test framework, with one addition: what a whole run shares (the one Chromium) is closed once every test
/// has finished, before the run reports that it has, so no browser outlives the run. xunit 2 has no assembly fixtures.
/// </summary>
public sealed class TestRun(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // The base class runs the assembly from an async void too: the runner reports the run's end through the sink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await BrowserFixture.CloseTheRunsBrowserAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
