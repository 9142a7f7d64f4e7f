using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The fast tier (<c>dotnet test --filter "Category!=Slow"</c>) is the inner loop: it must not start a publish, Chromium,
/// redis-server or another process. A test class that does carries <c>[Trait("Category", "Slow")]</c>; this test finds
/// the ones that forgot, from what their constructors ask for, their test attributes and the calls in their code.
/// </summary>
public sealed class FastTierTests
{
    public const string Category = "Category";
    public const string Slow = "Slow";

#if (redis)
    private static readonly Type[] SlowInfrastructure =
        [typeof(PublishedApp), typeof(Hosting.OneDynoApp), typeof(BrowserFixture), typeof(RedisServer), typeof(Dyno), typeof(HerokuApp), typeof(Process)];

    private static readonly Type[] SlowTestAttributes =
        [typeof(BrowserFactAttribute), typeof(BrowserTheoryAttribute), typeof(RedisFactAttribute)];
#else
    private static readonly Type[] SlowInfrastructure =
        [typeof(PublishedApp), typeof(Hosting.OneDynoApp), typeof(BrowserFixture), typeof(Dyno), typeof(HerokuApp), typeof(Process)];

    private static readonly Type[] SlowTestAttributes = [typeof(BrowserFactAttribute), typeof(BrowserTheoryAttribute)];
#endif

    [Fact]
    public void Every_test_class_that_needs_a_publish_a_browser_redis_or_a_process_is_in_the_slow_tier()
    {
        var unmarked = TestClasses()
            .Where(type => !IsMarkedSlow(type))
            .Select(type => (type, Reason: WhySlow(type)))
            .Where(found => found.Reason is not null)
            .Select(found => $"{found.type.FullName} ({found.Reason})")
            .ToList();

        Assert.True(unmarked.Count == 0, "Add [Trait(\"Category\", \"Slow\")] to:\n" + string.Join('\n', unmarked));
    }

    [Fact]
    public void The_check_sees_each_way_a_class_can_be_slow()
    {
        Assert.Equal("needs PublishedApp", WhySlow(typeof(Hosting.ProcfileTests)));
        Assert.Equal("needs OneDynoApp", WhySlow(typeof(Hosting.RouterTests)));
        Assert.Equal("needs BrowserFixture", WhySlow(typeof(Browser.SignInBrowserTests)));
#if (reviewApps)
        Assert.Equal("calls Process", WhySlow(typeof(ReviewApps.ReviewAppProcessTests)));
#endif
        Assert.Null(WhySlow(typeof(FastTierTests)));
    }

    private static IEnumerable<Type> TestClasses() =>
        typeof(FastTierTests).Assembly.GetTypes().Where(type =>
            type is { IsClass: true, IsAbstract: false, IsNested: false }
            && type.GetMethods().Any(method => method.IsDefined(typeof(FactAttribute), inherit: true)));

    private static bool IsMarkedSlow(Type type) =>
        type.GetCustomAttributesData().Any(attribute =>
            attribute.AttributeType == typeof(TraitAttribute)
            && attribute.ConstructorArguments is [{ Value: Category }, { Value: Slow }]);

    private static string? WhySlow(Type type)
    {
        var needed = type.GetConstructors().SelectMany(constructor => constructor.GetParameters()).Select(parameter => parameter.ParameterType)
            .Concat(type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>)).Select(i => i.GetGenericArguments()[0]))
            .FirstOrDefault(SlowInfrastructure.Contains);
        if (needed is not null)
        {
            return $"needs {needed.Name}";
        }

        var attribute = type.GetMethods().SelectMany(method => method.GetCustomAttributes(inherit: true)).Select(a => a.GetType()).FirstOrDefault(SlowTestAttributes.Contains);
        if (attribute is not null)
        {
            return $"uses {attribute.Name}";
        }

        var called = CodeOf(type).SelectMany(CalledTypes).FirstOrDefault(SlowInfrastructure.Contains);
        return called is null ? null : $"calls {called.Name}";
    }

    // The class's methods and those the compiler made for its lambdas and async methods (nested types).
    private static IEnumerable<MethodBase> CodeOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
            .Concat(type.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).SelectMany(CodeOf));
    }

    // The declaring types of the methods a body calls or constructs (call, callvirt, newobj and their 4-byte tokens).
    private static IEnumerable<Type> CalledTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (var offset = 0; offset + 4 < il.Length; offset++)
        {
            if (il[offset] != OpCodes.Call.Value && il[offset] != OpCodes.Callvirt.Value && il[offset] != OpCodes.Newobj.Value)
            {
                continue;
            }

            MemberInfo? member;
            try
            {
                member = method.Module.ResolveMember(BitConverter.ToInt32(il, offset + 1), method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
            }
            catch (Exception exception) when (exception is ArgumentException or BadImageFormatException)
            {
                // A byte inside another instruction's operand that happened to look like a call.
                continue;
            }

            if (member?.DeclaringType is { } declaring)
            {
                yield return declaring;
            }
        }
    }
}
