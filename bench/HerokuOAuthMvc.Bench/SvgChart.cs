using System.Globalization;
using System.Net;
using System.Text;

namespace HerokuOAuthMvc.Bench;

/// <summary>
/// Draws the report as a small bar chart: one row per measure, its bar against a dashed target line and, where it has
/// one, a grey line for the stock MVC template measured in the same run.
/// </summary>
internal static class SvgChart
{
    private const int Width = 800;
    private const int LabelWidth = 170;
    private const int BarWidth = 420;
    private const int RowHeight = 46;
    private const int Top = 44;

    public static string Render(BenchReport report)
    {
        var measures = report.Measures().ToList();
        var height = Top + (measures.Count * RowHeight) + 30;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\" role=\"img\" aria-labelledby=\"title\">\n"));
        svg.Append(Invariant($"<title id=\"title\">HerokuOAuthMvc bench, {report.RunAt:yyyy-MM-dd HH:mm} UTC</title>\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"));
        svg.Append(Invariant($"<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"600\">HerokuOAuthMvc bench · {Escape(report.Machine)}</text>\n"));

        for (var i = 0; i < measures.Count; i++)
        {
            var measure = measures[i];
            var y = Top + (i * RowHeight);
            var scale = Math.Max(Math.Max(Math.Max(measure.Value, measure.Target), measure.Stock ?? 0), 1e-9) * 1.25;
            var bar = BarWidth * measure.Value / scale;
            var target = BarWidth * measure.Target / scale;
            var colour = measure.Met ? "#2e7d32" : "#c62828";

            svg.Append(Invariant($"<text x=\"12\" y=\"{y + 17}\">{Escape(measure.Label)}</text>\n"));
            svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{BarWidth}\" height=\"18\" fill=\"#eeeeee\"/>\n"));
            svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{bar:0.0}\" height=\"18\" fill=\"{colour}\"/>\n"));
            svg.Append(Invariant($"<line x1=\"{LabelWidth + target:0.0}\" y1=\"{y}\" x2=\"{LabelWidth + target:0.0}\" y2=\"{y + 26}\" stroke=\"#212121\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n"));
            if (measure.Stock is { } stock)
            {
                var x = LabelWidth + (BarWidth * stock / scale);
                svg.Append(Invariant($"<line x1=\"{x:0.0}\" y1=\"{y + 2}\" x2=\"{x:0.0}\" y2=\"{y + 24}\" stroke=\"#757575\" stroke-width=\"3\"/>\n"));
            }

            svg.Append(Invariant($"<text x=\"{LabelWidth}\" y=\"{y + 38}\" fill=\"#424242\">{Escape(measure.Shown)} · target {Escape(measure.TargetShown)} · {(measure.Met ? "met" : "missed")}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"12\" y=\"{height - 10}\" fill=\"#616161\">Dashed: target. Grey: stock MVC template, same run. Ceiling: bare Kestrel hello, {report.Ceiling.RequestsPerSecond:#,0} req/s. By bench/run.sh.</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
