using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("HerokuOAuthMvc.Tests.Infrastructure.TestRun", "HerokuOAuthMvc.Tests")]

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// xunit's own test framework, with two additions. The longest classes start first: xunit runs a fixed number of classes
/// at a time (xunit.runner.json), so a long class that happened to start last would run on alone at the end while both
/// cores have nothing else to do. And what a whole run shares (the one Chromium) is closed once every test has finished,
/// before the run reports that it has, so no browser outlives the run. xunit 2 has no assembly fixtures.
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
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            TestCollectionOrderer = new LongestFirst(TestCollectionOrderer, TestCases);
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await BrowserFixture.CloseTheRunsBrowserAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }

    /// <summary>Classes marked <see cref="StartsFirstAttribute"/>, then the slow tier, then the rest, each in xunit's own order.</summary>
    private sealed class LongestFirst(ITestCollectionOrderer xunitOrder, IEnumerable<IXunitTestCase> testCases) : ITestCollectionOrderer
    {
        private readonly Dictionary<ITestCollection, int> _ranks = testCases
            .GroupBy(testCase => testCase.TestMethod.TestClass.TestCollection)
            .ToDictionary(collection => collection.Key, collection => collection.Min(Rank));

        public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
            xunitOrder.OrderTestCollections(testCollections).OrderBy(collection => _ranks.GetValueOrDefault(collection, 2)).ToList();

        private static int Rank(IXunitTestCase testCase) =>
            testCase.TestMethod.TestClass.Class.GetCustomAttributes(typeof(StartsFirstAttribute)).Any() ? 0
            : testCase.Traits.TryGetValue("Category", out var categories) && categories.Contains("Slow") ? 1
            : 2;
    }
}

/// <summary>
/// A class that runs far longer than any other (it builds other solutions): it starts before every other class, so
/// the rest of the run fills the cores beside it instead of leaving it alone at the end.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;
