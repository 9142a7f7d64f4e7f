using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Heroku;

/// <summary>Fills the OAuth client from the tutorial's config vars and checks the endpoints at start.</summary>
internal sealed class HerokuOptionsSetup(IConfiguration configuration) : IConfigureOptions<HerokuOptions>, IValidateOptions<HerokuOptions>
{
    public void Configure(HerokuOptions options)
    {
        configuration.GetSection(HerokuOptions.SectionName).Bind(options);

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            options.ClientId = configuration[HerokuOptions.ClientIdVariable];
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            options.ClientSecret = configuration[HerokuOptions.ClientSecretVariable];
        }

        // A base address without a trailing slash would drop its last segment when combined with "account".
        if (!options.ApiBaseAddress.AbsoluteUri.EndsWith('/'))
        {
            options.ApiBaseAddress = new Uri(options.ApiBaseAddress.AbsoluteUri + "/");
        }
    }

    public ValidateOptionsResult Validate(string? name, HerokuOptions options)
    {
        var failures = new List<string>();

        if (!Uri.TryCreate(options.AuthorizationEndpoint, UriKind.RelativeOrAbsolute, out _))
        {
            failures.Add($"Heroku:AuthorizationEndpoint '{options.AuthorizationEndpoint}' is not a URL.");
        }

        if (!Uri.TryCreate(options.TokenEndpoint, UriKind.Absolute, out _))
        {
            failures.Add($"Heroku:TokenEndpoint '{options.TokenEndpoint}' is not an absolute URL.");
        }

        if (!options.ApiBaseAddress.IsAbsoluteUri)
        {
            failures.Add("Heroku:ApiBaseAddress must be an absolute URL such as https://api.heroku.com/.");
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            failures.Add("Heroku:Scope is empty; use 'identity' to read the account only.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
