namespace HerokuOAuthMvc.Bench;

internal static class Arguments
{
    /// <summary>Reads <c>--name value</c> pairs.</summary>
    public static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        foreach (var required in new[] { "app", "hello", "stock", "results" })
        {
            if (!values.ContainsKey(required))
            {
                throw new ArgumentException($"Missing --{required}. Run bench/run.sh.");
            }
        }

        return values;
    }
}
