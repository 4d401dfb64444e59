using System.Text.RegularExpressions;

namespace Collaborative.Host.Tests;

/// <summary>The dashboard's forms as a browser posts them: with the antiforgery token the page's form carries.</summary>
internal static partial class DashboardForms
{
    /// <summary>The antiforgery token in a page's form; fails when the page has none.</summary>
    public static string FormToken(string page)
    {
        var token = FormTokenPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>
    /// Signs in through the sign-in form with a client that keeps cookies (<paramref name="http"/> has the dashboard as
    /// its base address and does not follow redirects); answers the response to the post.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string token, string returnPath)
    {
        var form = FormToken(await http.GetStringAsync("/sign-in"));
        return await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = form,
            ["token"] = token,
            ["return"] = returnPath,
        }));
    }

    /// <summary>
    /// Posts the form named <paramref name="handler"/> (its <c>_handler</c>) to <paramref name="path"/> with
    /// <paramref name="fields"/> (a name may repeat, as checkboxes post), and with <paramref name="token"/> when given.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string handler, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var form = new List<KeyValuePair<string, string>> { new("_handler", handler) };
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        form.AddRange(fields);
        return http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
